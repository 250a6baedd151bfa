using SofaBot.Review;

namespace SofaBot.Tests.Review;

/// <summary>A maintainer's "no" is remembered: the same question asked again in the same chat opens no new item for
/// <c>Review:RememberVerdictDays</c>, while the asker still gets the bot's honest reply.</summary>
public sealed class ReviewVerdictMemoryTests
{
    [Fact]
    public async Task A_rejected_question_asked_again_in_the_same_chat_opens_no_new_item_but_is_still_answered()
    {
        await using var bed = await ReviewBed.StartAsync();
        var id = await bed.AskAndRejectAsync(ReviewBed.SuggestQuestion);

        // the same question as far as a verdict goes: width, case, spacing, punctuation, emoji aside
        await bed.AskAsync("SOFAREGISTRY 用的什么数据库？？🙏", author: "bob");
        await bed.AskAsync("SOFARegistry 数据库是哪个", author: "carol");

        Assert.Equal(3, (await bed.BotMessagesAsync()).Count); // everyone got the bot's reply
        var pending = Assert.Single(await bed.ItemsAsync());
        Assert.Equal("SOFARegistry 数据库是哪个", pending.GetProperty("question").GetString());
        Assert.Equal(2, (await bed.ItemsAsync("all")).Length);
        Assert.Single(bed.Bot.Logs.Entries, e => e.EventId.Id == 3304 && e.Message.Contains($"(item {id})", StringComparison.Ordinal));
    }

    [Fact]
    public void Half_an_emoji_cut_off_by_a_client_is_set_aside_like_a_whole_one()
    {
        Assert.Equal(SameQuestion.Key("seata 怎么用🙏"), SameQuestion.Key("Seata 怎么用\ud83d"));
    }

    [Fact]
    public async Task Not_a_question_holds_too_until_the_verdict_is_older_than_RememberVerdictDays()
    {
        await using var bed = await ReviewBed.StartAsync(new() { ["Review:RememberVerdictDays"] = "7" });
        await bed.AskAndRejectAsync(ReviewBed.SuggestQuestion, new { notAQuestion = true });

        bed.Bot.Time.Advance(TimeSpan.FromDays(6));
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        Assert.Empty(await bed.ItemsAsync());

        bed.Bot.Time.Advance(TimeSpan.FromDays(2));
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        Assert.Single(await bed.ItemsAsync());
    }

    [Fact]
    public async Task With_RememberVerdictDays_0_every_asking_opens_an_item()
    {
        await using var bed = await ReviewBed.StartAsync(new() { ["Review:RememberVerdictDays"] = "0" });
        await bed.AskAndRejectAsync(ReviewBed.SuggestQuestion);

        await bed.AskAsync(ReviewBed.SuggestQuestion);

        Assert.Single(await bed.ItemsAsync());
    }
}
