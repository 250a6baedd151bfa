using System.Net.Http.Json;
using System.Text.Json;

namespace SofaBot.Tests.Review;

/// <summary>In the local chat, a reply to the bot's answer (<c>replyTo</c> its message) is read with what it
/// continues, as in Telegram.</summary>
public sealed class LocalChatFollowUpTests
{
    [Fact]
    public async Task A_reply_to_the_bots_answer_continues_it()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync("jraft 的 bolt 日志占了 7g，有自动删除或者归档的选项吗");
        var answer = Assert.Single(await bed.BotMessagesAsync());

        using var posted = await bed.Anonymous.PostAsJsonAsync(bed.Bot.Url + "/chat/messages", new { author = "alice", text = "那正常情况下也会打吗？", replyTo = answer.GetProperty("id").GetInt64() });
        posted.EnsureSuccessStatusCode();
        var question = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await bed.Bot.IdleAsync();

        var followUp = (await bed.BotMessagesAsync())[1];
        Assert.Equal(question, followUp.GetProperty("replyTo").GetInt64());
        var html = followUp.GetProperty("html").GetString()!;
        Assert.StartsWith("接着上面「jraft 的 bolt 日志占了 7g，有自动删除或者归档的选项吗」：", html, StringComparison.Ordinal);
        Assert.Contains("只有节点挂了才会打？", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_to_an_answer_the_maintainers_approved_continues_it()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        using var approved = await bed.ApproveAsync(item.GetProperty("id").GetInt64(), new { candidate = ReviewBed.CandidateOf(item, ReviewBed.SuggestAnswerPair) });
        approved.EnsureSuccessStatusCode();
        var posted = (await bed.BotMessagesAsync())[^1];

        using var reply = await bed.Anonymous.PostAsJsonAsync(bed.Bot.Url + "/chat/messages", new { author = "bob", text = "那 sofaregistry 用的数据库兼容 mysql 吗", replyTo = posted.GetProperty("id").GetInt64() });
        reply.EnsureSuccessStatusCode();
        await bed.Bot.IdleAsync();

        var html = (await bed.BotMessagesAsync())[^1].GetProperty("html").GetString()!;
        Assert.StartsWith($"接着上面「{ReviewBed.SuggestQuestion}」：", html, StringComparison.Ordinal);
        Assert.Contains(ReviewBed.SuggestAnswerWord, html, StringComparison.Ordinal);
    }
}
