using System.Collections.Concurrent;

namespace SofaBot.Tests.Fixtures;

/// <summary>A clock for the bot's waits (pacing, backoff, retry_after): every wait is recorded and ends after a few
/// real milliseconds, and "now" moves on by the time waited. Tests assert what the bot waited for, never how long
/// anything took.</summary>
public sealed class InstantTime : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public void Set(DateTimeOffset now)
    {
        lock (_gate)
        {
            _now = now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero)
        {
            _waits.Enqueue(dueTime);
            Advance(dueTime);
        }

        // a short real delay keeps a retry loop against a dead server from spinning
        return new RealTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.FromMilliseconds(Math.Min(5, dueTime.TotalMilliseconds)));
    }

    private sealed class RealTimer(TimerCallback callback, object? state, TimeSpan due) : ITimer
    {
        private readonly Timer _timer = new(callback, state, due, Timeout.InfiniteTimeSpan);

        public bool Change(TimeSpan dueTime, TimeSpan period) => _timer.Change(dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.FromMilliseconds(Math.Min(5, dueTime.TotalMilliseconds)), Timeout.InfiniteTimeSpan);

        public void Dispose() => _timer.Dispose();

        public ValueTask DisposeAsync() => _timer.DisposeAsync();
    }
}
