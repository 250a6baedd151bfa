using System.Text.Json;
using Microsoft.Extensions.Logging;
using SofaBot.Json;
using SofaBot.Storage;
using SofaBot.Telemetry;

namespace SofaBot.Messaging;

/// <summary>Where every channel drops what it receives: the message is recorded in the store (the dedupe: a second
/// delivery of the same message stops here) and then handed to the dispatcher. A channel acknowledges the platform
/// once <see cref="AcceptAsync"/> returns, so nothing acknowledged is lost: a crash leaves it recorded and unfinished,
/// and it is resumed at the next start.</summary>
internal sealed partial class Inbox(IStateStore store, ConversationDispatcher dispatcher, ChatLanguage language, Clock clock, BotMetrics metrics, Microsoft.Extensions.Options.IOptions<ChatOptions> options, ILogger<Inbox> logger)
{
    private static readonly JsonSerializerOptions Json = PlainJson.Web();

    /// <summary>Records the message and queues it; false when it was already received (a redelivery), which the
    /// caller acknowledges like any other message.</summary>
    public async Task<bool> AcceptAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        message = Storable(Cut(message, options.Value.MaxStoredChars)) with { ReceivedAt = now };
        language.Heard(message);
        var received = new ReceivedMessage(message.Key, Serialize(message), now);
        if (!await store.TryReceiveAsync(received, cancellationToken))
        {
            LogRedelivered(message.Key);
            metrics.Message(message.Key.Channel, "duplicate");
            return false;
        }

        dispatcher.Enqueue(message);
        return true;
    }

    /// <summary>The message with each NUL in what people wrote read as U+FFFD: PostgreSQL cannot store a NUL in text, and
    /// a store that refuses a message answers the platform 500, which delivers it again for ever.</summary>
    public static IncomingMessage Storable(IncomingMessage message) =>
        message.Text.Contains('\0', StringComparison.Ordinal) || message.SenderName?.Contains('\0', StringComparison.Ordinal) == true || message.ChatTitle?.Contains('\0', StringComparison.Ordinal) == true
            ? message with
            {
                Text = message.Text.Replace('\0', '\uFFFD'),
                SenderName = message.SenderName?.Replace('\0', '\uFFFD'),
                ChatTitle = message.ChatTitle?.Replace('\0', '\uFFFD'),
            }
            : message;

    /// <summary>The message with its text cut to <paramref name="max"/> characters (at a whole character), saying so at
    /// the end in both languages, so that a maintainer reading the item knows it is not all of it.</summary>
    public static IncomingMessage Cut(IncomingMessage message, int max)
    {
        if (message.Text.Length <= max)
        {
            return message;
        }

        var keep = char.IsHighSurrogate(message.Text[max - 1]) ? max - 1 : max;
        return message with { Text = $"{message.Text[..keep]}\n…（消息过长，只保存了前 {keep} 个字符 / cut: {message.Text.Length} characters, the first {keep} kept）" };
    }

    /// <summary>A group message not meant for the bot, which is not stored: only the language the chat writes in is
    /// noted, so that a later <c>/help</c> there is answered in it.</summary>
    public void Overhear(IncomingMessage message)
    {
        language.Heard(message);
        metrics.Message(message.Key.Channel, "overheard");
    }

    /// <summary>The message as the store keeps it.</summary>
    public static string Serialize(IncomingMessage message) => JsonSerializer.Serialize(message, Json);

    /// <summary>Queues again what was received but never finished: after a restart, or a message whose instance died.</summary>
    /// <param name="staleBefore">Only messages whose claim is older than this (their handler is gone).</param>
    /// <param name="maxAge">Older messages are dropped: an answer hours late, after an outage, is noise.</param>
    public async Task<int> ResumeAsync(DateTimeOffset staleBefore, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var resumed = 0;
        while (true)
        {
            var batch = await store.ClaimUnfinishedAsync(staleBefore, clock.UtcNow, 100, cancellationToken);
            foreach (var item in batch)
            {
                if (clock.UtcNow - item.ReceivedAt > maxAge)
                {
                    await store.FinishAsync(item.Key, MessageOutcome.Skipped, "too old to answer when resumed", clock.UtcNow, cancellationToken);
                    metrics.Message(item.Key.Channel, MessageOutcome.Skipped);
                }
                else if (Read(item) is not { } message)
                {
                    await store.FinishAsync(item.Key, MessageOutcome.Failed, "stored message could not be read", clock.UtcNow, cancellationToken);
                    metrics.Message(item.Key.Channel, MessageOutcome.Failed);
                }
                else if (dispatcher.Enqueue(message with { ReceivedAt = message.ReceivedAt ?? item.ReceivedAt }))
                {
                    resumed++;
                }
            }

            if (batch.Count < 100)
            {
                return resumed;
            }
        }
    }

    private IncomingMessage? Read(ReceivedMessage item)
    {
        try
        {
            return JsonSerializer.Deserialize<IncomingMessage>(item.Payload, Json);
        }
        catch (JsonException e)
        {
            LogUnreadable(item.Key, e.Message);
            return null;
        }
    }

    [LoggerMessage(3001, LogLevel.Information, "Message {Key} was delivered again; it is already handled or in hand, not answering twice")]
    private partial void LogRedelivered(MessageKey key);

    [LoggerMessage(3002, LogLevel.Warning, "Stored message {Key} could not be read ({Reason}); dropped")]
    private partial void LogUnreadable(MessageKey key, string reason);
}
