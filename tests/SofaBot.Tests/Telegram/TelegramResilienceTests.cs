using Microsoft.Extensions.DependencyInjection;
using SofaBot.Messaging;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>Nothing acknowledged is lost and no chat waits on another: a hanging chat, a shutdown mid-reply, a crash
/// that left a message unfinished.</summary>
public sealed class TelegramResilienceTests
{
    private static string Mention(string question) => $"@{FakeTelegramServer.BotUsername} {question}";

    [Fact]
    public async Task A_chat_whose_sends_hang_does_not_hold_up_another_chat()
    {
        await using var bed = await StartAsync();
        const long stuck = -100555;
        bed.Server.Hold(stuck);

        bed.Server.Push(Updates.Text(Mention(AnswerableQuestion), chat: stuck));
        await bed.Server.WaitForSendAttemptAsync(stuck);
        bed.Server.Push(Updates.Text(Mention(AnswerableQuestion)));

        Assert.Equal(Updates.Group, Assert.Single(await bed.Server.WaitForSentAsync(1)).ChatId);
        bed.Server.Release(stuck);
        Assert.Equal(stuck, (await bed.Server.WaitForSentAsync(2))[1].ChatId);
    }

    [Fact]
    public async Task Shutdown_finishes_the_reply_in_flight_and_records_it()
    {
        await using var bed = await StartAsync();
        bed.Server.Hold(Updates.Group);
        var update = Updates.Text(Mention(AnswerableQuestion));
        bed.Server.Push(update);
        await bed.Server.WaitForSendAttemptAsync(Updates.Group);

        var stopping = bed.Bot.StopAsync();
        await Task.Delay(100);
        bed.Server.Release(Updates.Group);
        await stopping;

        Assert.Single(bed.Server.Sent);
        var state = await bed.Bot.Services.GetRequiredService<IStateStore>().GetStateAsync(
            new MessageKey("telegram", Updates.Group.ToString(System.Globalization.CultureInfo.InvariantCulture), update["message"]!["message_id"]!.ToString()), CancellationToken.None);
        Assert.Equal(MessageOutcome.Replied, state!.Outcome);
    }

    [Fact]
    public async Task A_message_left_unfinished_by_a_crash_is_answered_at_the_next_start()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var state = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Channels:Telegram:BaseUrl"] = server.Url,
            ["Channels:Telegram:PollTimeoutSeconds"] = "1",
        };
        var time = new InstantTime();

        // what a kill -9 between receiving and replying leaves behind: the message recorded, never finished
        await using (var first = await BotUnderTest.StartAsync(state, new Dictionary<string, string?>(settings) { ["Channels:Telegram:BotToken"] = null }, time))
        {
            var message = new IncomingMessage
            {
                Key = new MessageKey("telegram", Updates.Group.ToString(System.Globalization.CultureInfo.InvariantCulture), "4242"),
                Text = AnswerableQuestion,
                SenderId = "42",
                Addressing = Addressing.Mention,
                SentAt = time.GetUtcNow(),
            };
            var store = first.Services.GetRequiredService<IStateStore>();
            Assert.True(await store.TryReceiveAsync(new ReceivedMessage(message.Key, Inbox.Serialize(message), time.GetUtcNow()), CancellationToken.None));
        }

        // the restart takes a moment: the claim the crashed run held is now in the past
        time.Advance(TimeSpan.FromSeconds(5));
        await using var second = await BotUnderTest.StartAsync(state, settings, time);

        var reply = Assert.Single(await server.WaitForSentAsync(1));
        Assert.Equal(4242, reply.ReplyTo);
    }

    [Fact]
    public async Task With_proactive_answers_on_a_confident_unaddressed_question_is_answered_and_chatter_is_not()
    {
        await using var bed = await StartAsync(new() { ["Chat:ProactiveAnswers"] = "true" });

        await bed.DeliverAsync(Updates.Text("我们组今天把 jraft 集群升级完了，跑得挺稳"));
        await bed.DeliverAsync(Updates.Text(UnanswerableQuestion));
        var question = Updates.Text(AnswerableQuestion);
        await bed.DeliverAsync(question);

        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Equal(question["message"]!["message_id"]!.GetValue<long>(), reply.ReplyTo);
    }
}
