namespace SofaBot.Messaging;

/// <summary>Spaces a channel's sends to one chat within the platform's limits (Telegram: about one message a second
/// per chat and 20 a minute per group; DingTalk: 20 a minute). Each chat has its own pace, so a busy chat never slows
/// the others.</summary>
internal sealed class ChatPacer(Clock clock, TimeSpan minInterval, int perMinute)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    /// <summary>Waits until one more message may go to the chat, then counts it as sent.</summary>
    /// <param name="limitPerMinute">False for private chats, which have only the per-second pace.</param>
    public async Task WaitTurnAsync(string chat, bool limitPerMinute, CancellationToken cancellationToken)
    {
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
