using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SofaBot.Json;
using SofaBot.Review.Web;

namespace SofaBot.Assistant;

/// <summary>Lets through <c>/mcp</c> only a request with a maintainer token as <c>Authorization: Bearer</c>, compared
/// by <see cref="ReviewAccess.MaintainerFor"/> (constant time, every configured token): the same tokens the review
/// API takes. 401 otherwise, before the MCP server reads the body.</summary>
internal sealed partial class MaintainerBearerCheck(ReviewAccess access, ILogger<MaintainerBearerCheck> logger) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..] : null;
        if (access.MaintainerFor(token) is not null)
        {
            return await next(context);
        }

        // a wrong token is someone guessing or a stale client configuration; no token at all is a probe, not logged
        if (!string.IsNullOrWhiteSpace(token))
        {
            LogWrongToken(context.HttpContext.Connection.RemoteIpAddress?.ToString());
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new { error = "a maintainer token is required: Authorization: Bearer <Review:MaintainerToken>" }, PlainJson.Web(), statusCode: StatusCodes.Status401Unauthorized);
    }

    [LoggerMessage(3701, LogLevel.Warning, "MCP request with a wrong maintainer token from {Address}")]
    private partial void LogWrongToken(string? address);
}
