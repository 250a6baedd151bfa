using System.Globalization;
using SofaBot.Answering;
using SofaBot.Channels.Telegram;
using SofaBot.Messaging;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.Review;

/// <summary>The reply to a question the bot is not sure about, through the real host: plausible earlier questions are
/// offered as a maybe, never after "nothing found"; it says the maintainers were asked only when an item was opened;
/// an ignored question about SOFAStack shows its best match when that is plausible enough, other software never.</summary>
public sealed class NotSureReplyTests
{
    /// <summary>Ignored on the bundled corpus, about SOFAStack, with a weak best match (confidence about 0.4).</summary>
    private const string WeakQuestion = "jraft 的 snapshot 多久打一次";

    private const string WeakQuestionInEnglish = "How do I archive jraft logs?";

    /// <summary>Ignored on the bundled corpus: not about SOFAStack, however close its best match scores.</summary>
    private const string OffTopicQuestion = "k8s 里 deployment 和 statefulset 有啥区别";

    [Theory]
    [InlineData(ReviewBed.SuggestQuestion, "不确定是不是同一个问题，这几个旧问答可能有帮助：", "（{0}）", "已请维护者确认，确认后会回复在这里。\n也可以在这里提问：")]
    [InlineData("Which database does the registry keep its data in?", "Not sure it is the same question; these earlier answers may help:", " ({0})", "I asked the maintainers to check; if they confirm an answer, it will be posted here.\nYou can also ask in ")]
    public async Task A_suggestion_lists_the_candidates_as_a_maybe_and_says_the_maintainers_were_asked(string question, string maybe, string project, string asked)
    {
        await using var bed = await ReviewBed.StartAsync();

        await bed.AskAsync(question);

        var item = await bed.PendingItemAsync(question);
        Assert.Equal("suggest", item.GetProperty("kind").GetString());
        var candidates = item.GetProperty("candidates").EnumerateArray()
            .Select(c => "• " + c.GetProperty("question").GetString() + string.Format(CultureInfo.InvariantCulture, project, c.GetProperty("project").GetString()));
        var reply = await ReplyAsync(bed);
        Assert.StartsWith(string.Join('\n', [maybe, .. candidates]) + "\n\n" + asked, reply.Text, StringComparison.Ordinal);
        Assert.Equal(
            item.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("sourceUrl").GetString()),
            reply.Links.Take(item.GetProperty("candidates").GetArrayLength()).Select(l => l.Url));
        Assert.DoesNotContain("没有找到", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("no earlier answer", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suggestion_in_telegram_links_each_candidate_to_its_weekly()
    {
        await using var bed = await TelegramBed.StartAsync();

        await bed.DeliverAsync(Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.SuggestedQuestion}"));

        var html = Assert.Single(await bed.Server.WaitForSentAsync(1)).Text;
        Assert.StartsWith("不确定是不是同一个问题，这几个旧问答可能有帮助：\n• <a href=\"https://www.sofastack.tech/blog/", html, StringComparison.Ordinal);
        Assert.Equal(3, TelegramHtml.Links(html).Count(l => l.Url.StartsWith("https://www.sofastack.tech/blog/", StringComparison.Ordinal)));
        Assert.Contains("\n\n已请维护者确认，确认后会回复在这里。\n也可以在这里提问：<a href=\"https://github.com/sofastack/sofa-registry/issues\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_rejection_holds_the_reply_still_lists_the_candidates_but_does_not_say_the_maintainers_were_asked()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAndRejectAsync(ReviewBed.SuggestQuestion);

        await bed.AskAsync(ReviewBed.SuggestQuestion, author: "bob");

        Assert.Empty(await bed.ItemsAsync()); // the verdict held: no new item
        var replies = (await bed.BotMessagesAsync()).Select(m => TelegramHtml.VisibleText(m.GetProperty("html").GetString()!)).ToList();
        Assert.Equal(2, replies.Count);
        Assert.Contains("\n已请维护者确认，确认后会回复在这里。\n", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("不确定是不是同一个问题，这几个旧问答可能有帮助：\n• ", replies[1], StringComparison.Ordinal);
        Assert.DoesNotContain("维护者确认", replies[1], StringComparison.Ordinal);
        Assert.Contains("\n\n可以到这里问维护者：", replies[1], StringComparison.Ordinal);
        // the same earlier questions either way
        Assert.Equal(replies[0].Split("\n\n")[0], replies[1].Split("\n\n")[0]);
    }

    [Theory]
    [InlineData(WeakQuestion, "不确定是不是同一个问题，这个旧问答可能有帮助：\n• {0}（{1}）\n\n已请维护者确认")]
    [InlineData(WeakQuestionInEnglish, "Not sure it is the same question; this earlier answer may help:\n• {0} ({1})\n\nI asked the maintainers")]
    public async Task An_ignored_question_about_sofastack_shows_its_best_match_when_it_clears_the_bar(string question, string expected)
    {
        var decision = await (await TestIndex.Bundled).DecideAsync(question);
        Assert.True(decision is { Kind: DecisionKind.Ignore, Evidence.InDomain: true, Confidence: >= 0.2f }, $"the example must be an ignored question about SOFAStack: {decision.Reason}");
        await using var bed = await ReviewBed.StartAsync(new() { ["Answering:ShowClosestMinConfidence"] = "0.2" });

        await bed.AskAsync(question);

        var best = decision.Best!;
        var reply = await ReplyAsync(bed);
        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, expected, ReplyWording.PriorQuestion(best.Pair, best.Turn), best.Pair.Project.Name), reply.Text, StringComparison.Ordinal);
        Assert.Equal(best.Pair.Weekly.SourceUrl, reply.Links[0].Url);
        Assert.Equal("noanswer", (await bed.PendingItemAsync(question)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Below_the_bar_an_ignored_question_gets_the_honest_no_earlier_answer()
    {
        // equal to Answering:SuggestMinConfidence, the setting shows nothing
        await using var bed = await ReviewBed.StartAsync(new() { ["Answering:ShowClosestMinConfidence"] = TestIndex.AnsweringOptions().SuggestMinConfidence.ToString(CultureInfo.InvariantCulture) });

        await bed.AskAsync(WeakQuestion);

        var reply = await ReplyAsync(bed);
        Assert.Equal("SOFA Weekly 里没有找到回答过的类似问题。\n\n可以到这里问维护者：SOFAJRaft 的 GitHub issues", reply.Text);
    }

    [Fact]
    public async Task An_ignored_question_about_other_software_never_shows_a_match()
    {
        var decision = await (await TestIndex.Bundled).DecideAsync(OffTopicQuestion);
        Assert.True(decision is { Kind: DecisionKind.Ignore, Evidence.InDomain: false, Best: not null }, $"the example must be an ignored question about other software with a match: {decision.Reason}");
        await using var bed = await ReviewBed.StartAsync(new() { ["Answering:ShowClosestMinConfidence"] = "0" });

        await bed.AskAsync(OffTopicQuestion);

        var reply = await ReplyAsync(bed);
        Assert.StartsWith("SOFA Weekly 里没有找到回答过的类似问题。\n\n可以到这里问维护者：", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Links, l => l.Url.StartsWith("https://www.sofastack.tech/", StringComparison.Ordinal));
    }

    /// <summary>The bot's one reply in the local chat, as a reader sees it, and its links.</summary>
    private static async Task<(string Text, IReadOnlyList<(string Label, string Url)> Links)> ReplyAsync(ReviewBed bed)
    {
        var html = Assert.Single(await bed.BotMessagesAsync()).GetProperty("html").GetString()!;
        return (TelegramHtml.VisibleText(html), TelegramHtml.Links(html));
    }
}
