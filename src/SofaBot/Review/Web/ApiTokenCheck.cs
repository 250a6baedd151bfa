using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SofaBot.Json;

namespace SofaBot.Review.Web;

/// <summary>The review API's door, before every endpoint of <c>/api/review</c> and <c>/api/digest</c>: the bearer
/// token must be a maintainer's (401), and an address that sent <see cref="TokenGuessLimit.PerMinute"/> wrong ones
/// this minute is refused (429 with Retry-After) without its token being compared. Every wrong token is logged with the address it
/// came from, never with the token.</summary>
internal sealed partial class ApiTokenCheck(ReviewAccess access, TokenGuessLimit limit, ILogger<ApiTokenCheck> log) : IEndpointFilter
{
    private const string MaintainerItem = "SofaBot.Review.Maintainer";
    private static readonly JsonSerializerOptions Json = PlainJson.Web();

    /// <summary>The maintainer whose token the request carried (set by the check before the endpoint runs).</summary>
    public static string MaintainerOf(HttpContext context) =>
        context.Items[MaintainerItem] as string ?? throw new InvalidOperationException("the review API's endpoints run behind ApiTokenCheck");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = ReviewAccess.BearerOf(http.Request);
        if (token is null)
        {
            // no token is no guess: nothing to count
            return Unauthorized();
        }

        var address = http.Connection.RemoteIpAddress;
        if (limit.TryTake(address) is { } refusal)
        {
            if (refusal.First)
            {
                LogLockedOut(log, address?.ToString(), TokenGuessLimit.PerMinute, refusal.RetryAfter.TotalSeconds);
            }

            var seconds = Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { error = $"too many wrong maintainer tokens from this address; try again in {seconds} s" }, Json, statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (access.MaintainerFor(token) is not { } maintainer)
        {
            LogWrongToken(log, address?.ToString(), http.Request.Method, http.Request.Path);
            return Unauthorized();
        }

        limit.GiveBack(address);
        http.Items[MaintainerItem] = maintainer;
        return await next(context);
    }

    private static IResult Unauthorized() =>
        Results.Json(new { error = "a maintainer token is required: Authorization: Bearer <Review:MaintainerToken>" }, Json, statusCode: StatusCodes.Status401Unauthorized);

    [LoggerMessage(3340, LogLevel.Warning, "Review API request with a wrong maintainer token from {Address}: {Method} {Path}")]
    private static partial void LogWrongToken(ILogger log, string? address, string method, PathString path);

    [LoggerMessage(3341, LogLevel.Warning, "Review API: {Address} sent {Tries} wrong maintainer tokens this minute; its requests are refused with 429 for {Seconds:0} s")]
    private static partial void LogLockedOut(ILogger log, string? address, int tries, double seconds);
}
