using SofaBot.Storage;

namespace SofaBot.Messaging;

/// <summary>Spaces a channel's sends to one chat within the platform's limits (Telegram: about one message a second
/// per chat and 20 a minute per group; DingTalk: 20 a minute). Each chat has its own pace, so a busy chat never slows
/// the others.</summary>
/// <remarks>With <paramref name="shared"/> (replicas sharing PostgreSQL) the pace is kept in the store, so that two
/// replicas answering one chat stay within the limit together; each alone would allow it in full. When the store
/// cannot be reached, this replica's own pace stands in rather than holding the reply.</remarks>
/// <param name="clock">The time.</param>
/// <param name="minInterval">Least time between two sends to a chat.</param>
/// <param name="perMinute">Most sends to a group chat in a minute.</param>
/// <param name="channel">Names the pace in the store, with the chat.</param>
/// <param name="shared">The store whose pace every replica follows, or null for this process's own.</param>
internal sealed class ChatPacer(Clock clock, TimeSpan minInterval, int perMinute, string channel = "", IStateStore? shared = null)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    /// <summary>Waits until one more message may go to the chat, then counts it as sent.</summary>
    /// <param name="chat">The chat.</param>
    /// <param name="limitPerMinute">False for private chats, which have only the per-second pace.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public async Task WaitTurnAsync(string chat, bool limitPerMinute, CancellationToken cancellationToken)
    {
        while (shared is not null)
        {
            TimeSpan wait;
            try
            {
                wait = await shared.TryTakeSendTurnAsync($"{channel}:{chat}", clock.UtcNow, minInterval, limitPerMinute ? perMinute : null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await clock.WaitAsync(wait, cancellationToken);
        }

        while (true)
        {
            TimeSpan wait;
            lock (_sent)
            {
                var now = clock.UtcNow;
                if (!_sent.TryGetValue(chat, out var times))
                {
                    _sent[chat] = times = new Queue<DateTimeOffset>();
                }

                while (times.Count > 0 && now - times.Peek() >= TimeSpan.FromMinutes(1))
                {
                    times.Dequeue();
                }

                wait = times.Count == 0 ? TimeSpan.Zero : times.Last() + minInterval - now;
                if (limitPerMinute && times.Count >= perMinute)
                {
                    var minuteFree = times.Peek() + TimeSpan.FromMinutes(1) - now;
                    wait = minuteFree > wait ? minuteFree : wait;
                }

                if (wait <= TimeSpan.Zero)
                {
                    times.Enqueue(now);
                    return;
                }
            }

            await clock.WaitAsync(wait, cancellationToken);
        }
    }
}
