using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Review;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>The loop closed: a question the bot was unsure of, approved by a maintainer, is answered directly the
/// next time, in the same words or others, also after a restart.</summary>
public sealed class ReviewLearningTests
{
    private const string Intro = "这个问题在 SOFA Weekly 里回答过";

    [Fact]
    public async Task An_approved_suggestion_is_answered_directly_next_time_also_reworded_and_after_a_restart()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        Assert.DoesNotContain(Intro, Html((await bed.BotMessagesAsync())[^1]), StringComparison.Ordinal);
        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        using var approved = await bed.ApproveAsync(item.GetProperty("id").GetInt64(), new { candidate = ReviewBed.CandidateOf(item, ReviewBed.SuggestAnswerPair) });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        await AssertAnsweredDirectlyAsync(bed, ReviewBed.SuggestQuestion);
        await AssertAnsweredDirectlyAsync(bed, "请问 SOFARegistry 的数据是用哪个数据库存的？");

        await bed.RestartAsync();
        await AssertAnsweredDirectlyAsync(bed, ReviewBed.SuggestQuestion);
        Assert.Empty(await bed.ItemsAsync());
    }

    [Fact]
    public async Task A_maintainers_own_answer_becomes_a_learned_pair_that_answers_the_next_asker()
    {
        const string question = "Layotto 支持 WebAssembly 吗";
        const string answer = "支持。Layotto 可以把 WebAssembly 模块作为 FaaS 函数运行，见 layotto 文档的 WebAssembly 一节。";
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(question);
        var item = await bed.PendingItemAsync(question);
        using var approved = await bed.ApproveAsync(item.GetProperty("id").GetInt64(), new { text = answer });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        await bed.AskAsync("layotto 能跑 WebAssembly 吗？", author: "bob");

        var reply = Html((await bed.BotMessagesAsync())[^1]);
        Assert.Contains("维护者回答过这个问题", reply, StringComparison.Ordinal);
        Assert.Contains("FaaS", reply, StringComparison.Ordinal);
        Assert.Contains("https://github.com/mosn/layotto", reply, StringComparison.Ordinal);
        Assert.Empty(await bed.ItemsAsync());

        await bed.RestartAsync();
        await bed.AskAsync(question, author: "carol");
        Assert.Contains("FaaS", Html((await bed.BotMessagesAsync())[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_a_crash_left_unposted_is_posted_and_learned_at_the_next_start()
    {
        await using var bed = await ReviewBed.StartAsync();
        var question = await bed.AskAsync(ReviewBed.SuggestQuestion);
        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        var k = ReviewBed.CandidateOf(item, ReviewBed.SuggestAnswerPair);

        // decided in the store, then the process is gone before it posts or learns
        var store = bed.Bot.Services.GetRequiredService<IReviewStore>();
        var (outcome, _) = await store.DecideAsync(item.GetProperty("id").GetInt64(), new ReviewVerdict(ReviewStatus.Approved, "alice", DateTimeOffset.UtcNow, Chosen: k), CancellationToken.None);
        Assert.Equal(DecideOutcome.Decided, outcome);
        await bed.RestartAsync();

        await Eventually.UntilAsync(async () => (await bed.BotMessagesAsync()).Count == 1, "the approved answer posted after the restart");
        var posted = Assert.Single(await bed.BotMessagesAsync());
        Assert.Equal(question, posted.GetProperty("replyTo").GetInt64());
        Assert.Contains(ReviewBed.SuggestAnswerWord, Html(posted), StringComparison.Ordinal);
        // the chat shows the answer a moment before the item is marked posted
        await Eventually.UntilAsync(async () => (await bed.ItemsAsync("approved")) is [var approved] && approved.GetProperty("postedAt").ValueKind != JsonValueKind.Null, "the item marked posted");
        await AssertAnsweredDirectlyAsync(bed, ReviewBed.SuggestQuestion);
    }

    private static async Task AssertAnsweredDirectlyAsync(ReviewBed bed, string question)
    {
        var id = await bed.AskAsync(question);
        var reply = (await bed.BotMessagesAsync())[^1];
        Assert.Equal(id, reply.GetProperty("replyTo").GetInt64());
        var html = Html(reply);
        Assert.Contains(Intro, html, StringComparison.Ordinal);
        Assert.Contains(ReviewBed.SuggestAnswerWord, html, StringComparison.Ordinal);
    }

    private static string Html(JsonElement message) => message.GetProperty("html").GetString()!;
}
