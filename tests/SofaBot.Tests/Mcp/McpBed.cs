using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Mcp;

/// <summary>The real host with a maintainer token on loopback, and MCP clients for its <c>/mcp</c>, as a maintainer's
/// assistant connects: Streamable HTTP, the token as <c>Authorization: Bearer</c>. One host for a test class.</summary>
public sealed class McpBed : IAsyncLifetime
{
    public const string Token = "test-maintainer-token-0123456789";

    public TempDirectory State { get; } = new();

    public BotUnderTest Bot { get; private set; } = null!;

    public Uri Endpoint => new(Bot.Url + "/mcp");

    public async Task InitializeAsync() =>
        Bot = await BotUnderTest.StartAsync(State, new Dictionary<string, string?> { ["Review:MaintainerToken"] = Token });

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        State.Dispose();
    }

    /// <summary>A client connected to this host: the initialize handshake has been answered.</summary>
    public Task<McpClient> ConnectAsync(string? token = Token) => ConnectAsync(Endpoint, token);

    /// <summary>A client connected to any host's <c>/mcp</c>, with <paramref name="token"/> as the bearer (none: null).</summary>
    public static async Task<McpClient> ConnectAsync(Uri endpoint, string? token) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }));

    /// <summary>Calls a tool and reads the JSON it answered with (the text content, which assistants read).</summary>
    public static async Task<(CallToolResult Result, JsonElement Json)> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        var text = Assert.Single(result.Content.OfType<TextContentBlock>()).Text;
        return (result, result.IsError == true ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string ErrorText(CallToolResult result)
    {
        Assert.True(result.IsError, "the tool call should have failed");
        return Assert.Single(result.Content.OfType<TextContentBlock>()).Text;
    }
}
