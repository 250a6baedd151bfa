using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SofaBot.Mcp;
using SofaBot.Json;
using SofaBot.Review;

namespace SofaBot.Hosting;

/// <summary>Registers the MCP server for maintainers' own assistants (<see cref="McpEndpoint"/>) when a maintainer
/// token is configured, and says whether it did.</summary>
internal static class McpServices
{
    /// <summary>Read from the configuration as it ends up (after the tests' settings): whether a token is configured
    /// decides whether anything is registered and mapped.</summary>
    public static bool AddSofaBotMcp(this IServiceCollection services, IConfiguration configuration)
    {
        var review = configuration.GetSection(ReviewOptions.SectionName).Get<ReviewOptions>() ?? new ReviewOptions();
        if (!review.Tokens().Any())
        {
            return false;
        }

        // the SDK's options (its resolver for the protocol's types) with our encoder, so the JSON text an assistant reads
        // keeps Chinese as it is, not as \uXXXX escapes; and nulls written, as the review API writes them: a learned
        // pair's weekly "url": null says there is no page, where a missing key would read as an older server
        var json = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            Encoder = PlainJsonEncoder.Instance,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "sofabot", Version = typeof(McpServices).Assembly.GetName().Version?.ToString() ?? "0" })
            // stateless (the 2.4.0 default, said here because replicas depend on it): any replica answers any request
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<SearchPriorAnswersTool>(json)
            .WithTools<GetPairTool>(json);
        return true;
    }
}
