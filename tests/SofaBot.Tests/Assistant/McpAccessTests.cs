using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Assistant;

/// <summary>Who gets through to <c>/mcp</c>: only a maintainer token as <c>Authorization: Bearer</c>, the one the review
/// API takes; and without a configured token the path is not served at all.</summary>
public sealed class McpAccessTests(McpBed bed) : IClassFixture<McpBed>
{
    // what an MCP client sends first; refused before the server reads it
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer " + McpBed.Token + "x")]
    [InlineData("Bearer ")]
    [InlineData("Basic " + McpBed.Token)]
    public async Task A_request_without_the_maintainer_token_gets_401(string? authorization)
    {
        using var http = new HttpClient();
        using var request = InitializeRequest(bed.Endpoint, authorization);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("Review:MaintainerToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_request_with_the_token_is_answered()
    {
        using var http = new HttpClient();
        using var request = InitializeRequest(bed.Endpoint, "Bearer " + McpBed.Token);

        using var response = await http.SendAsync(request);

        // the refusals above are the token's doing, not a malformed request
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"sofabot\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_MCP_client_with_no_token_or_a_wrong_one_cannot_connect_and_a_wrong_one_is_logged()
    {
        var before = bed.Bot.Logs.Entries.Count(e => e.EventId.Id == 3701);

        var none = await Assert.ThrowsAnyAsync<Exception>(() => bed.ConnectAsync(token: null));
        var wrong = await Assert.ThrowsAnyAsync<Exception>(() => bed.ConnectAsync(token: "not-the-maintainer-token-at-all"));

        Assert.Contains("401", none.ToString(), StringComparison.Ordinal);
        Assert.Contains("401", wrong.ToString(), StringComparison.Ordinal);
        var logged = bed.Bot.Logs.Entries.Where(e => e.EventId.Id == 3701).Skip(before).ToList();
        var warning = Assert.Single(logged);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain("not-the-maintainer-token-at-all", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_maintainer_token_mcp_is_not_served()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        using var http = new HttpClient();
        using var request = InitializeRequest(new Uri(bot.Url + "/mcp"), "Bearer " + McpBed.Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(bot.Logs.Entries, e => e.EventId.Id == 3703);
    }

    private static HttpRequestMessage InitializeRequest(Uri endpoint, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }
}
