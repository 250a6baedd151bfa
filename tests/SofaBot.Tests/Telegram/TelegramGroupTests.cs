using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>When the bot answers in a Telegram group, and what the reply looks like: through the real host polling
/// a fake Bot API server on loopback.</summary>
public sealed class TelegramGroupTests
{
    [Fact]
    public async Task A_mention_gets_a_threaded_html_reply_with_the_answer_the_project_link_and_the_weekly()
    {
        await using var bed = await StartAsync();
        var update = Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}");

        await bed.DeliverAsync(update);

        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Equal(Updates.Group, reply.ChatId);
        Assert.Equal(update["message"]!["message_id"]!.GetValue<long>(), reply.ReplyTo);
        Assert.Equal("HTML", reply.ParseMode, ignoreCase: true);
        Assert.Contains("这个问题在 SOFA Weekly 里回答过", reply.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/sofastack/sofa-jraft\">SOFAJRaft</a>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("https://www.sofastack.tech/blog/sofa-weekly-20211203/", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2021-12-03", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_to_the_bots_message_is_answered_without_a_mention()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text(AnswerableQuestion, replyTo: Updates.BotMessage()));

        Assert.Contains("sofa-jraft", Assert.Single(await bed.Server.WaitForSentAsync(1)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ask ")]
    [InlineData("/ask@SofaTestBot ")]
    [InlineData("/ASK@sofatestbot ")]
    public async Task The_ask_command_is_answered_with_or_without_the_bots_name(string command)
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text(command + AnswerableQuestion));

        Assert.Contains("sofa-jraft", Assert.Single(await bed.Server.WaitForSentAsync(1)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_message_in_a_private_chat_is_for_the_bot()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text(AnswerableQuestion, chat: Updates.Alice));

        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Equal(Updates.Alice, reply.ChatId);
    }

    [Fact]
    public async Task Group_messages_not_addressed_to_the_bot_get_no_reply_even_when_it_knows_the_answer()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text("今天天气不错，大家周末愉快"));
        await bed.DeliverAsync(Updates.Text(AnswerableQuestion));
        await bed.DeliverAsync(Updates.Text("@someone_else " + AnswerableQuestion));
        await bed.DeliverAsync(Updates.Text("/ask@OtherBot " + AnswerableQuestion));
        await bed.DeliverAsync(Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}", from: 99, fromBot: true));
        var last = Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}");
        await bed.DeliverAsync(last);

        // only the last one was for the bot (the one before came from another bot)
        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Equal(last["message"]!["message_id"]!.GetValue<long>(), reply.ReplyTo);
    }

    [Fact]
    public async Task Thanks_in_reply_to_the_bot_get_no_reply()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text("谢谢！👍", replyTo: Updates.BotMessage()));
        await bed.DeliverAsync(Updates.Text("/help"));

        Assert.DoesNotContain("SOFA Weekly 里回答过", Assert.Single(await bed.Server.WaitForSentAsync(1)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mention_with_no_confident_answer_gets_an_honest_reply_and_where_to_ask()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text($"@{FakeTelegramServer.BotUsername} {UnanswerableQuestion}"));

        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1)).Text;
        Assert.Contains("没有找到回答过的类似问题", reply, StringComparison.Ordinal);
        Assert.Contains("https://github.com/mosn/layotto/issues", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("这个问题在 SOFA Weekly 里回答过", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_question_gets_english_wording()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text($"@{FakeTelegramServer.BotUsername} Does Layotto support WebAssembly?"));

        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1)).Text;
        Assert.Contains("I found no earlier answer", reply, StringComparison.Ordinal);
        Assert.Contains("https://github.com/mosn/layotto/issues", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/start")]
    [InlineData("/help")]
    [InlineData("@SofaTestBot")]
    public async Task Start_help_and_a_bare_mention_explain_what_the_bot_does(string text)
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text(text));

        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1)).Text;
        Assert.Contains("SofaBot", reply, StringComparison.Ordinal);
        Assert.Contains("/ask", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_that_became_a_supergroup_gets_the_answer_there_without_thread_or_buttons()
    {
        await using var bed = await StartAsync();
        const long supergroup = -1009990001;
        bed.Server.Migrate(Updates.Group, supergroup);

        await bed.DeliverAsync(Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}"));

        var reply = Assert.Single(await bed.Server.WaitForSentToAsync(supergroup, 1));
        // the question's message id means nothing in the new chat, and a press there would name a chat the question
        // was never received in
        Assert.Null(reply.ReplyTo);
        Assert.Empty(reply.Buttons);
        Assert.Contains("sofa-jraft", reply.Text, StringComparison.Ordinal);
        Assert.Empty(bed.Server.SentTo(Updates.Group));
        // one refused in the old group, one in the supergroup
        Assert.Equal(2, bed.Server.Calls.Count(c => c == "sendMessage"));
        Assert.Contains(bed.Bot.Logs.Entries, e => e.EventId.Id == 3102);
    }
}
