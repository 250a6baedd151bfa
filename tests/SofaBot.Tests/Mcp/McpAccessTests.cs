using System.Net;
using System.Text;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Mcp;

/// <summary>Who gets through to <c>/mcp</c>: only a maintainer token as <c>Authorization: Bearer</c>, through the review
/// API's own check (its tokens, its limit on wrong ones); and without a configured token the path is not served at
/// all.</summary>
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
        var before = bed.Bot.Logs.Warnings(3340).Count;

        var none = await Assert.ThrowsAnyAsync<Exception>(() => bed.ConnectAsync(token: null));
        var wrong = await Assert.ThrowsAnyAsync<Exception>(() => bed.ConnectAsync(token: "not-the-maintainer-token-at-all"));

        Assert.Contains("401", none.ToString(), StringComparison.Ordinal);
        Assert.Contains("401", wrong.ToString(), StringComparison.Ordinal);
        var warning = Assert.Single(bed.Bot.Logs.Warnings(3340).Skip(before));
        Assert.Contains("POST /mcp", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-maintainer-token-at-all", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_tokens_on_mcp_count_with_the_review_apis_against_one_limit_per_address()
    {
        // an address of its own: the lock-out must not reach the other tests' requests from 127.0.0.1
        using var guesser = LoopbackClient.From("127.0.0.5");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            // alternating the two paths: six guesses at /mcp, five at the review API
            using var request = i % 2 == 0
                ? InitializeRequest(bed.Endpoint, $"Bearer guess-{i:D4}-0123456789abcdef")
                : new HttpRequestMessage(HttpMethod.Get, bed.Bot.Url + "/api/review") { Headers = { { "Authorization", $"Bearer guess-{i:D4}-0123456789abcdef" } } };
            using var response = await guesser.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        using var right = InitializeRequest(bed.Endpoint, "Bearer " + McpBed.Token);
        using var refused = await guesser.SendAsync(right);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Append(HttpStatusCode.TooManyRequests), statuses);
        // refused before the token is compared, the right one too, with when to come back
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
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
