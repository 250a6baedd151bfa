using Microsoft.AspNetCore.Builder;

namespace SofaBot.Review.Web;

/// <summary>The headers that keep the review page and API from being framed, sniffed or leaked: the page has one
/// inline style sheet and no script, so its policy allows nothing else; under HTTPS the browser is told to stay on it.</summary>
internal static class ReviewSecurityHeaders
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/review") || context.Request.Path.StartsWithSegments("/api/review")
            || context.Request.Path.StartsWithSegments("/api/digest"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }
        }

        await next(context);
    });
}
