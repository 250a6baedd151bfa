using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SofaBot.Review.Web;

/// <summary>The review page at <c>/review</c>: sign in with a maintainer token, see the items, and send, edit,
/// write, reject. Every form carries an antiforgery token and the cookie is SameSite=Strict; without a sign-in nothing
/// of the queue is shown.</summary>
internal static partial class ReviewEndpoints
{
    private const int MaxShown = 200;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/review", ShowAsync);
        endpoints.MapPost("/review/sign-in", SignInAsync).RequireRateLimiting(SignInLimit.PolicyName);
        endpoints.MapPost("/review/sign-out", SignOutAsync);
        endpoints.MapPost("/review/items/{id}/{action}", ActAsync);
    }

    /// <summary>Logs how to sign in when no token is configured (the token made up for this run); a configured token
    /// is never printed.</summary>
    public static void AnnounceSignIn(IServiceProvider services)
    {
        if (services.GetRequiredService<ReviewAccess>().GeneratedToken is { } token)
        {
            LogGeneratedToken(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReviewEndpoints)), token);
        }
    }

    private static async Task<IResult> ShowAsync(HttpContext context, ReviewAccess access, ReviewQueue queue, IAntiforgery antiforgery, string? status, string? notice)
    {
        if (access.FromCookie(context.Request) is not { } maintainer)
        {
            return Page(ReviewPage.SignIn(null), StatusCodes.Status200OK);
        }

        var showing = status == "all" ? "all" : "pending";
        var items = await queue.ListAsync(showing == "all" ? null : ReviewStatus.Pending, MaxShown, context.RequestAborted);
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        var corpus = await queue.CorpusCheckAsync(context.RequestAborted);
        return Page(ReviewPage.Queue(items, corpus, maintainer, showing, notice, (tokens.FormFieldName, tokens.RequestToken!)), StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, ReviewAccess access, ILoggerFactory logs)
    {
        var form = await ReadFormAsync(context);
        if (access.MaintainerFor(form?["token"]) is not { } maintainer)
        {
            LogWrongToken(logs.CreateLogger(typeof(ReviewEndpoints)), context.Connection.RemoteIpAddress?.ToString());
            return Page(ReviewPage.SignIn("That token is not a maintainer token."), StatusCodes.Status401Unauthorized);
        }

        access.SignIn(context.Response, maintainer);
        return Results.Redirect("/review", permanent: false, preserveMethod: false);
    }

    /// <summary>Signs out; a form from another site (no antiforgery token) cannot sign a maintainer out.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Back("The form was out of date; nothing was done. Try again.");
        }

        ReviewAccess.SignOut(context.Response);
        return Results.Redirect("/review");
    }

    private static async Task<IResult> ActAsync(HttpContext context, string id, string action, ReviewAccess access, ReviewQueue queue, IAntiforgery antiforgery)
    {
        if (access.FromCookie(context.Request) is not { } maintainer)
        {
            return Page(ReviewPage.SignIn("Sign in to review."), StatusCodes.Status401Unauthorized);
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Back("The form was out of date; nothing was done. Try again.");
        }

        var form = await ReadFormAsync(context);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var itemId) || form is null)
        {
            return Back($"There is no review item \"{id}\".");
        }

        int? candidate = int.TryParse(form["candidate"], NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
        var result = action switch
        {
            "send" => await queue.ApproveAsync(itemId, new ReviewApproval(candidate ?? 0, null), maintainer, context.RequestAborted),
            "edit" => await queue.ApproveAsync(itemId, new ReviewApproval(candidate, form["text"].ToString()), maintainer, context.RequestAborted),
            "send-draft" => await queue.ApproveAsync(itemId, new ReviewApproval(null, null, Draft: true), maintainer, context.RequestAborted),
            "reject" => await queue.RejectAsync(itemId, maintainer, form["notAQuestion"] == "true", context.RequestAborted),
            _ => null,
        };
        return result is null ? Results.NotFound() : Back($"#{itemId}: {result.Message}");
    }

    /// <summary>Back to the queue with the outcome shown at the top (post/redirect/get: a reload repeats nothing).</summary>
    private static IResult Back(string notice) => Results.Redirect("/review?notice=" + Uri.EscapeDataString(notice));

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // larger than the form limits: refused like any other bad input
            return null;
        }
    }

    private static IResult Page(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    [LoggerMessage(3331, LogLevel.Warning, "Review:MaintainerToken is not set: the review page (/review) and API take the token {Token} for this run only. Set Review:MaintainerToken to keep one")]
    private static partial void LogGeneratedToken(ILogger logger, string token);

    [LoggerMessage(3330, LogLevel.Warning, "Review sign-in with a wrong token from {Address}")]
    private static partial void LogWrongToken(ILogger logger, string? address);
}
