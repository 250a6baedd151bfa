using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;
using SofaBot.Tests.DingTalk;
using SofaBot.Tests.Fixtures;
using Xunit.Abstractions;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>Telegram failing or slow for longer than a few retries: slow chats never delay healthy ones, an outage is
/// waited out until a message is too old, a reply that may have arrived is sent at most once more, and a store that
/// is out of connections for a moment costs nothing.</summary>
public sealed class TelegramOutageTests(ITestOutputHelper output)
{
    private static string Mention(string question) => $"@{FakeTelegramServer.BotUsername} {question}";

    private static MessageKey KeyOf(JsonObject update) => new(
        "telegram",
        update["message"]!["chat"]!["id"]!.ToString(),
        update["message"]!["message_id"]!.ToString());

    private static async Task<MessageState> FinishedAsync(TelegramBed bed, JsonObject update)
    {
        var store = bed.Bot.Services.GetRequiredService<IStateStore>();
        MessageState? state = null;
        await Eventually.UntilAsync(
            async () => (state = await store.GetStateAsync(KeyOf(update), CancellationToken.None)) is { Outcome: not MessageOutcome.Pending },
            "the message finished");
        return state!;
    }

    [Fact]
    public async Task Eight_hanging_chats_do_not_delay_twelve_healthy_ones()
    {
        // the reported case: as many hanging chats as Chat:MaxConcurrentChats (8), then twelve healthy chats
        await using var bed = await StartAsync();
        var stuck = Enumerable.Range(0, 8).Select(i => -100600L - i).ToList();
        var healthy = Enumerable.Range(0, 12).Select(i => -100700L - i).ToList();
        try
        {
            foreach (var chat in stuck)
            {
                bed.Server.Hold(chat);
                bed.Server.Push(Updates.Text(Mention(AnswerableQuestion), chat: chat));
            }

            foreach (var chat in stuck)
            {
                await bed.Server.WaitForSendAttemptAsync(chat);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var chat in healthy)
            {
                bed.Server.Push(Updates.Text(Mention(AnswerableQuestion), chat: chat));
            }

            foreach (var chat in healthy)
            {
                Assert.Single(await bed.Server.WaitForSentToAsync(chat, 1));
            }

            // a figure for the README, not an assert: the machines are noisy
            output.WriteLine($"12 healthy chats answered {clock.ElapsedMilliseconds} ms after asking, while 8 chats hang");
            Assert.All(stuck, chat => Assert.Empty(bed.Server.SentTo(chat)));
        }
        finally
        {
            foreach (var chat in stuck)
            {
                bed.Server.Release(chat);
            }
        }
    }

    [Fact]
    public async Task An_outage_longer_than_the_quick_retries_is_waited_out_and_every_question_answered()
    {
        await using var bed = await StartAsync();
        // three questions, each worth six quick attempts: 40 failures outlast all of them
        bed.Server.Fail("sendMessage", 500, "Internal Server Error", times: 40);
        long[] chats = [-100611, -100612, -100613];
        var updates = chats.Select(chat => Updates.Text(Mention(AnswerableQuestion), chat: chat)).ToList();

        foreach (var update in updates)
        {
            bed.Server.Push(update);
        }

        foreach (var chat in chats)
        {
            Assert.Single(await bed.Server.WaitForSentToAsync(chat, 1));
        }

        foreach (var update in updates)
        {
            Assert.Equal(MessageOutcome.Replied, (await FinishedAsync(bed, update)).Outcome);
        }

        // the message itself waited, beyond the quick retries' backoff
        Assert.Contains(bed.Bot.Time.Waits, wait => wait >= TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task A_message_still_failing_when_it_is_too_old_is_given_up_naming_the_setting()
    {
        await using var bed = await StartAsync(new() { ["Chat:MaxMessageAgeHours"] = "1" });
        bed.Server.Fail("sendMessage", 503, "Service Unavailable", times: 100_000);
        var update = Updates.Text(Mention(AnswerableQuestion));

        bed.Server.Push(update);

        var state = await FinishedAsync(bed, update);
        Assert.Equal(MessageOutcome.Failed, state.Outcome);
        Assert.Contains("Chat:MaxMessageAgeHours", state.Detail, StringComparison.Ordinal);
        // an hour of waiting is a few dozen calls, not a busy loop
        Assert.InRange(bed.Server.Calls.Count(c => c == "sendMessage"), 8, 200);
        Assert.Empty(bed.Server.Sent);
    }

    [Fact]
    public async Task A_refusal_retrying_cannot_fix_still_fails_at_once()
    {
        await using var bed = await StartAsync();
        bed.Server.Fail("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat");
        var update = Updates.Text(Mention(AnswerableQuestion));

        bed.Server.Push(update);

        var state = await FinishedAsync(bed, update);
        Assert.Equal(MessageOutcome.Failed, state.Outcome);
        Assert.Equal(1, bed.Server.Calls.Count(c => c == "sendMessage"));
    }

    [Fact]
    public async Task A_reply_whose_answer_was_lost_is_sent_once_more_and_never_again()
    {
        await using var bed = await StartAsync();
        bed.Server.LoseAnswers(10);
        var update = Updates.Text(Mention(AnswerableQuestion));

        bed.Server.Push(update);

        var state = await FinishedAsync(bed, update);
        Assert.Equal(MessageOutcome.Failed, state.Outcome);
        Assert.Contains("may have arrived", state.Detail, StringComparison.Ordinal);
        Assert.Equal(2, bed.Server.SentTo(Updates.Group).Count);
    }

    [Fact]
    public async Task A_store_out_of_connections_for_a_moment_records_the_reply_and_sends_it_once()
    {
        await using var bed = await StartAsync(services: FailingStateStore.Decorate);
        var store = (FailingStateStore)bed.Bot.Services.GetRequiredService<IStateStore>();
        store.FinishFailures = 3;
        var update = Updates.Text(Mention(AnswerableQuestion));

        bed.Server.Push(update);

        Assert.Equal(MessageOutcome.Replied, (await FinishedAsync(bed, update)).Outcome);
        Assert.Single(bed.Server.SentTo(Updates.Group));
    }

    [Fact]
    public async Task An_approval_made_while_telegram_is_down_is_posted_once_telegram_is_back()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (question, review, id) = await TelegramReviewTests.OpenItemAsync(bed);
        // every quick attempt of the post fails
        bed.Server.Fail("sendMessage", 503, "Service Unavailable", times: 6);

        var press = Updates.Press(Updates.Maria, review, $"rv:{id}:1");
        await bed.DeliverAsync(press);
        await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press));

        Assert.Single(bed.Server.SentTo(Updates.Group));
        var waiting = await TelegramReviewTests.GetAsync(bed, id);
        Assert.Equal(SofaBot.Review.ReviewStatus.Approved, waiting.Status);
        Assert.Null(waiting.PostedAt);

        // the next housekeeping pass after the post's claim has gone stale posts it, once
        bed.Bot.Time.Advance(TimeSpan.FromMinutes(3));
        var maintenance = bed.Bot.Services.GetRequiredService<SofaBot.Review.ReviewMaintenance>();
        await maintenance.RepostAsync(atStart: false, CancellationToken.None);
        await maintenance.RepostAsync(atStart: false, CancellationToken.None);

        var sent = await bed.Server.WaitForSentToAsync(Updates.Group, 2);
        Assert.Equal(question, sent[1].ReplyTo);
        Assert.Equal(2, bed.Server.SentTo(Updates.Group).Count);
        var posted = await TelegramReviewTests.GetAsync(bed, id);
        Assert.NotNull(posted.PostedAt);
        Assert.Null(posted.PostError);
    }
}
