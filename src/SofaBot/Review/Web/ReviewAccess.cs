using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SofaBot.Review.Web;

/// <summary>Who may see and decide the queue: maintainers holding a token from <c>Review:MaintainerToken</c> or
/// <c>Review:MaintainerTokens</c>. The page keeps a signed-in maintainer in a protected, HttpOnly, SameSite=Strict
/// cookie (12 hours); the REST API takes the token as <c>Authorization: Bearer</c>.</summary>
/// <remarks>With no token configured, one is made up for this run and logged once at start, so the loop works on a
/// laptop out of the box; a deployment sets its own (the README says how).</remarks>
internal sealed class ReviewAccess
{
    public const string CookieName = "sofabot_review";
    private static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(12);

    private readonly (string Maintainer, byte[] Token)[] _tokens;
    private readonly ITimeLimitedDataProtector _protector;

    public ReviewAccess(IOptions<ReviewOptions> options, IDataProtectionProvider protection)
    {
        var configured = options.Value.Tokens().ToList();
        if (configured.Count == 0)
        {
            GeneratedToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            configured.Add(("maintainer", GeneratedToken));
        }

        _tokens = [.. configured.Select(t => (t.Maintainer, Encoding.UTF8.GetBytes(t.Token)))];
        _protector = protection.CreateProtector("SofaBot.Review.SignIn.v1").ToTimeLimitedDataProtector();
    }

    /// <summary>The token made up for this run when none is configured; null otherwise.</summary>
    public string? GeneratedToken { get; }

    /// <summary>The maintainer a token belongs to; null for a wrong or empty token. Compared in constant time.</summary>
    public string? MaintainerFor(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var given = Encoding.UTF8.GetBytes(token.Trim());
        string? found = null;
        foreach (var (maintainer, expected) in _tokens)
        {
            // every token is compared, so the time taken does not tell which one nearly matched
            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                found = maintainer;
            }
        }

        return found;
    }

    /// <summary>The request's bearer token; null when it has none (no header, another scheme, or nothing after
    /// <c>Bearer</c>).</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header[scheme.Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    /// <summary>The maintainer signed in on this browser; null when not signed in, expired or tampered with.</summary>
    public string? FromCookie(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var maintainer = _protector.Unprotect(value);
            // a cookie outlives a token taken out of the configuration: the maintainer must still be listed
            return _tokens.Any(t => t.Maintainer == maintainer) ? maintainer : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void SignIn(HttpResponse response, string maintainer) =>
        response.Cookies.Append(CookieName, _protector.Protect(maintainer, SignInLifetime), CookieOptions(response.HttpContext.Request));

    public static void SignOut(HttpResponse response) =>
        response.Cookies.Delete(CookieName, CookieOptions(response.HttpContext.Request));

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        // the page's forms are the only way to act: a cross-site request never carries the cookie
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/review",
        MaxAge = SignInLifetime,
    };
}
