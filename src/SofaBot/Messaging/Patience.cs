namespace SofaBot.Messaging;

/// <summary>How long one message keeps waiting for a platform or a store that is failing for now: with backoff (15 s,
/// doubling up to 10 minutes, with jitter; longer when the platform asked for longer) until the message is
/// <see cref="ChatOptions.MaxMessageAgeHours"/> old. An outage is not a reason to drop what was acknowledged; an
/// answer a day late is.</summary>
internal sealed class Patience(Clock clock, DateTimeOffset receivedAt, TimeSpan maxAge)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    private int _waits;

    public int Waits => _waits;

    /// <summary>Waits before the next try; throws <see cref="ReplyRejectedException"/> when the message would be too
    /// old by then.</summary>
    /// <param name="reason">What failed, for the message's record when patience runs out.</param>
    /// <param name="asked">The wait the platform asked for, if any.</param>
    public async Task<TimeSpan> WaitAsync(string reason, TimeSpan? asked, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Min(_waits, 10)));
        var delay = backoff * (0.8 + (Random.Shared.NextDouble() * 0.4));
        if (asked is { } platform && platform > delay)
        {
            delay = platform;
        }

        if (clock.UtcNow + delay - receivedAt > maxAge)
        {
            throw new ReplyRejectedException($"still failing when the message was {maxAge.TotalHours:0.#} h old (Chat:MaxMessageAgeHours), after {_waits + 1} tries: {reason}");
        }

        _waits++;
        await clock.WaitAsync(delay, cancellationToken);
        return delay;
    }
}
