using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Telegram;

/// <summary>A Telegram message that cannot be sent, because the channel is off in this instance or Telegram rejected
/// the token, finishes as Failed with the reason at once: it never waits for an identity that will not come, holding a
/// conversation slot, and a maintainer's approval of such an item returns with the reason.</summary>
public sealed class TelegramUnavailableTests
{
    [Fact]
    public async Task A_resumed_message_while_telegram_is_off_fails_with_the_reason()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var state = new TempDirectory();
        var off = Settings(server, token: null);
        var key = await LeaveUnfinishedAsync(state, off);

        await using var bot = await StartAfterCrashAsync(state, off);

        var failed = await WaitFinishedAsync(bot, key);
        Assert.Equal(MessageOutcome.Failed, failed.Outcome);
        Assert.Contains("the Telegram channel is off in this instance (Channels:Telegram:BotToken is not set)", failed.Detail, StringComparison.Ordinal);
        Assert.Empty(server.Sent);
    }

    [Fact]
    public async Task A_resumed_message_with_a_rejected_token_fails_with_the_reason()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var state = new TempDirectory();
        var key = await LeaveUnfinishedAsync(state, Settings(server, token: null));

        await using var bot = await StartAfterCrashAsync(state, Settings(server, token: "123:revoked"));

        var failed = await WaitFinishedAsync(bot, key);
        Assert.Equal(MessageOutcome.Failed, failed.Outcome);
        Assert.Contains("Telegram rejected Channels:Telegram:BotToken (404)", failed.Detail, StringComparison.Ordinal);
        Assert.Empty(server.Sent);
    }

    [Fact]
    public async Task Approving_a_telegram_item_after_the_token_was_revoked_returns_with_the_reason()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var state = new TempDirectory();
        long id;
        await using (var first = await BotUnderTest.StartAsync(state, WithReview(Settings(server, FakeTelegramServer.Token))))
        {
            var update = Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.SuggestedQuestion}");
            await server.WaitConfirmedAsync(server.Push(update));
            await first.IdleAsync();
            var item = Assert.Single(await first.Services.GetRequiredService<ReviewQueue>().ListAsync(ReviewStatus.Pending, 10, CancellationToken.None));
            id = item.Id;
        }

        await using var second = await BotUnderTest.StartAsync(state, WithReview(Settings(server, token: "123:revoked")));
        var sentBefore = server.SentTo(Updates.Group).Count;

        // the safety net of a hung test, not a timing assert: before, this waited for ever
        var result = await second.Services.GetRequiredService<ReviewQueue>()
            .ApproveAsync(id, new ReviewApproval(1, null), "maria", CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("approved, but posting failed: Telegram rejected Channels:Telegram:BotToken (404)", result.Message, StringComparison.Ordinal);
        Assert.Equal(sentBefore, server.SentTo(Updates.Group).Count);
    }

    private static Dictionary<string, string?> Settings(FakeTelegramServer server, string? token) => new()
    {
        ["Channels:Telegram:BotToken"] = token,
        ["Channels:Telegram:BaseUrl"] = server.Url,
        ["Channels:Telegram:PollTimeoutSeconds"] = "1",
    };

    private static Dictionary<string, string?> WithReview(Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in TelegramBed.ReviewSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>What a kill -9 between receiving and replying leaves behind: a Telegram question recorded, never finished.</summary>
    private static async Task<MessageKey> LeaveUnfinishedAsync(TempDirectory state, Dictionary<string, string?> settings)
    {
        var time = new InstantTime();
        await using var first = await BotUnderTest.StartAsync(state, settings, time);
        var message = new IncomingMessage
        {
            Key = new MessageKey("telegram", Updates.Group.ToString(CultureInfo.InvariantCulture), "4242"),
            Text = TelegramBed.AnswerableQuestion,
            SenderId = "42",
            Addressing = Addressing.Mention,
            SentAt = time.GetUtcNow(),
        };
        var store = first.Services.GetRequiredService<IStateStore>();
        Assert.True(await store.TryReceiveAsync(new ReceivedMessage(message.Key, Inbox.Serialize(message), time.GetUtcNow()), CancellationToken.None));
        return message.Key;
    }

    /// <summary>Starts again a little later, so that the crashed run's claim is stale and the message is resumed.</summary>
    private static Task<BotUnderTest> StartAfterCrashAsync(TempDirectory state, Dictionary<string, string?> settings)
    {
        var time = new InstantTime();
        time.Advance(TimeSpan.FromSeconds(5));
        return BotUnderTest.StartAsync(state, settings, time);
    }

    private static async Task<MessageState> WaitFinishedAsync(BotUnderTest bot, MessageKey key)
    {
        var store = bot.Services.GetRequiredService<IStateStore>();
        MessageState? state = null;
        await Eventually.UntilAsync(async () => (state = await store.GetStateAsync(key, CancellationToken.None))?.Outcome is not (null or MessageOutcome.Pending), $"{key} finished");
        return state!;
    }
}
