namespace SofaBot.Messaging;

/// <summary>The time and the waits of the messaging code (pacing, retry backoff, webhook expiry, signature windows),
/// in one place so tests can replace the provider behind it: no test sleeps or asserts on timing.</summary>
/// <remarks>A type of its own rather than a <see cref="TimeProvider"/> registered in the container, so replacing it in
/// a test never changes the time of ASP.NET Core or the runtime.</remarks>
internal sealed class Clock(TimeProvider time)
{
    public Clock()
        : this(TimeProvider.System)
    {
    }

    /// <summary>The provider behind it, for libraries that take one (Polly).</summary>
    public TimeProvider Time => time;

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}
