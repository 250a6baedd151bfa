using System.Net;
using System.Text.Json;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Mcp;

/// <summary>What maintainers taught in review is what their assistants find: the search and <c>get_pair</c> read the
/// live index, learned pairs included, which have no weekly page to link.</summary>
public sealed class McpLearnedPairTests
{
    [Fact]
    public async Task An_answer_written_in_review_is_found_and_fetched_with_no_weekly_link()
    {
        const string question = "Layotto 支持 WebAssembly 吗";
        const string answer = "支持。Layotto 可以把 WebAssembly 模块作为 FaaS 函数运行，见 layotto 文档的 WebAssembly 一节。";
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(question);
        var item = await bed.PendingItemAsync(question);
        using var approved = await bed.ApproveAsync(item.GetProperty("id").GetInt64(), new { text = answer });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await using var client = await McpBed.ConnectAsync(new Uri(bed.Bot.Url + "/mcp"), ReviewBed.Token);

        var (_, found) = await McpBed.CallAsync(client, "search_prior_answers", new() { ["question"] = "layotto 能跑 WebAssembly 吗？" });
        var best = found.GetProperty("candidates")[0];
        var id = best.GetProperty("pairId").GetString()!;
        var (_, pair) = await McpBed.CallAsync(client, "get_pair", new() { ["id"] = id });

        Assert.Equal("answer", found.GetProperty("decision").GetString());
        Assert.StartsWith("sofabot-learned:", id, StringComparison.Ordinal);
        Assert.Equal(answer, best.GetProperty("answer").GetString());
        Assert.Equal(JsonValueKind.Null, best.GetProperty("weekly").GetProperty("url").ValueKind);
        Assert.Equal(answer, pair.GetProperty("answer").GetString());
        Assert.Equal("https://github.com/mosn/layotto", pair.GetProperty("project").GetProperty("github").GetString());
        Assert.Equal(JsonValueKind.Null, pair.GetProperty("weekly").GetProperty("url").ValueKind);
    }
}
