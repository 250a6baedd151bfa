using Microsoft.Extensions.DependencyInjection;
using SofaBot.Answering;
using SofaBot.Storage;

namespace SofaBot.Tests.Telegram;

/// <summary>A reply to one of the bot's answers is read with what it replies to (the earlier question and the pair
/// the bot answered with), and the answer says what it continues: through the real host polling a fake Bot API.</summary>
public sealed class TelegramFollowUpTests
{
    /// <summary>Answered with sofa-weekly-20211203:4, turn 0 (bolt logs, no automatic deletion).</summary>
    private const string BoltLogs = "jraft 的 bolt 日志占了 7g，有自动删除或者归档的选项吗";

    /// <summary>Means nothing alone (asked fresh, nothing is found); after <see cref="BoltLogs"/> it asks what the same
    /// pair's follow-up turn answered ("只有节点挂了才会打？" → "bolt 日志正常都会有").</summary>
    private const string BoltLogsFollowUp = "那正常情况下也会打吗？";

    private const string FiveNodes = "jraft: 5 nodes, one died, the other four got split 2+2 by the network. Is the cluster still usable?";

    [Fact]
    public async Task A_chinese_follow_up_is_answered_with_the_pairs_next_turn_and_says_what_it_continues()
    {
        await using var bed = await TelegramBed.StartAsync();
        var answer = await AskAsync(bed, BoltLogs);
        Assert.Contains("jraft 提供了归档或者自动删除的选项吗", answer.Text, StringComparison.Ordinal);

        var reply = Updates.Text(BoltLogsFollowUp, replyTo: Updates.BotMessage(messageId: answer.MessageId));
        var followUp = await NextReplyAsync(bed, reply);

        Assert.Equal(reply["message"]!["message_id"]!.GetValue<long>(), followUp.ReplyTo);
        Assert.StartsWith("接着上面「jraft 的 bolt 日志占了 7g，有自动删除或者归档的选项吗」：\n", followUp.Text, StringComparison.Ordinal);
        Assert.Contains("<blockquote>这个如果没有节点异常，好像不会打？只有节点挂了才会打？</blockquote>", followUp.Text, StringComparison.Ordinal);
        Assert.Contains("bolt 日志正常都会有", followUp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_follow_up_continues_the_answer_it_replies_to()
    {
        await using var bed = await TelegramBed.StartAsync();
        var answer = await AskAsync(bed, FiveNodes);

        var followUp = await ReplyAsync(bed, answer.MessageId, "What if it were 3 nodes?");
        Assert.StartsWith("Following up on “jraft: 5 nodes, one died, the other four…”:\n<b>This was answered in SOFA Weekly before:</b>", followUp.Text, StringComparison.Ordinal);
        Assert.Contains("5 个 jraft 节点，一个节点挂了没及时维修", followUp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_words_without_the_context_find_nothing()
    {
        await using var bed = await TelegramBed.StartAsync();

        // a reply to a bot message the decision log does not know (sent before it existed, or by another instance)
        var reply = await ReplyAsync(bed, 4242, BoltLogsFollowUp);
        Assert.StartsWith("SOFA Weekly 里没有找到回答过的类似问题", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_to_a_bot_message_the_log_does_not_know_is_answered_as_a_fresh_question()
    {
        await using var bed = await TelegramBed.StartAsync();

        var reply = await ReplyAsync(bed, 4243, TelegramBed.AnswerableQuestion);
        Assert.StartsWith("<b>这个问题在 SOFA Weekly 里回答过：</b>", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("接着上面", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_context_survives_a_restart()
    {
        await using var bed = await TelegramBed.StartAsync();
        var answer = await AskAsync(bed, BoltLogs);

        await bed.RestartAsync();
        var followUp = await ReplyAsync(bed, answer.MessageId, BoltLogsFollowUp);
        Assert.StartsWith("接着上面「", followUp.Text, StringComparison.Ordinal);
        Assert.Contains("bolt 日志正常都会有", followUp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_reply_is_remembered_with_what_it_showed_and_the_evidence()
    {
        await using var bed = await TelegramBed.StartAsync();
        var answer = await AskAsync(bed, BoltLogs);
        var notSure = await AskAsync(bed, "What about across session nodes?");
        Assert.StartsWith("Not sure it is the same question", notSure.Text, StringComparison.Ordinal);

        var log = await bed.Bot.Services.GetRequiredService<IDecisionLog>().ListAsync(CancellationToken.None);

        var answered = Assert.Single(log, d => d.BotMessageId == answer.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((DecisionKind.Answer, true, BoltLogs), (answered.Kind, answered.Answered, answered.QuestionText));
        Assert.Equal(new ShownPairId("sofa-weekly-20211203:4", 0), Assert.Single(answered.Shown));
        Assert.Equal(answered.Shown[0], answered.Top);
        Assert.Equal(ConfidenceFeatures.Names.Order(StringComparer.Ordinal), answered.Features.Keys.Order(StringComparer.Ordinal));
        Assert.True(answered.MayAnswer);

        var maybe = Assert.Single(log, d => d.BotMessageId == notSure.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(maybe.Answered);
        Assert.NotEmpty(maybe.Shown);
        Assert.All(maybe.Shown, shown => Assert.Contains(shown.PairId.Split(':')[0], notSure.Text, StringComparison.Ordinal));
        Assert.Equal(ConfidenceFeatures.Names.Count, maybe.Features.Count);
    }

    private static Task<SentMessage> AskAsync(TelegramBed bed, string question) =>
        NextReplyAsync(bed, Updates.Text($"@{FakeTelegramServer.BotUsername} {question}"));

    /// <summary>Replies to the bot's message <paramref name="botMessage"/> and returns what the bot says to that.</summary>
    private static Task<SentMessage> ReplyAsync(TelegramBed bed, long botMessage, string text) =>
        NextReplyAsync(bed, Updates.Text(text, replyTo: Updates.BotMessage(messageId: botMessage)));

    private static async Task<SentMessage> NextReplyAsync(TelegramBed bed, System.Text.Json.Nodes.JsonObject update)
    {
        var before = bed.Server.Sent.Count;
        await bed.DeliverAsync(update);
        return (await bed.Server.WaitForSentAsync(before + 1))[before];
    }
}
