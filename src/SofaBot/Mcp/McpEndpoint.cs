using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SofaBot.Review.Web;

namespace SofaBot.Mcp;

/// <summary><c>/mcp</c>: the MCP server (Streamable HTTP, stateless) maintainers point their own assistants at, behind
/// the review API's own door (<see cref="ApiTokenCheck"/>): the same tokens, 401 for a wrong or missing one, and wrong
/// ones counted with the API's against the same per-address limit, so alternating the two paths buys a guesser
/// nothing. Mapped only when a maintainer token is configured: with none, the review page makes one up for the run,
/// and an assistant's configuration cannot hold a token that changes at every start, so the path is a 404.</summary>
internal static partial class McpEndpoint
{
    public const string Path = "/mcp";

    public static void Map(WebApplication app, bool enabled)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpEndpoint));
        if (!enabled)
        {
            LogOff(logger);
            return;
        }

        app.MapMcp(Path).AddEndpointFilter(ActivatorUtilities.CreateInstance<ApiTokenCheck>(app.Services));
        LogOn(logger, Path);
    }

    [LoggerMessage(3702, LogLevel.Information, "Maintainers' assistants: MCP tools (search_prior_answers, get_pair) at {Path}, with a maintainer token as Authorization: Bearer")]
    private static partial void LogOn(ILogger logger, string path);

    [LoggerMessage(3703, LogLevel.Information, "Maintainers' assistants: /mcp is not served; set Review:MaintainerToken (or Review:MaintainerTokens) to serve it")]
    private static partial void LogOff(ILogger logger);
}
