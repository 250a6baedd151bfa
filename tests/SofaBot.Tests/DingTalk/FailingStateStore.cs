using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;

namespace SofaBot.Tests.DingTalk;

/// <summary>The host's real state store, except that recording a received message fails while
/// <see cref="FailReceives"/> is set (a full disk, a database that is down), and recording an outcome fails
/// <see cref="FinishFailures"/> times ("too many clients").</summary>
internal sealed class FailingStateStore(IStateStore inner) : IStateStore
{
    public bool FailReceives { get; set; }

    /// <summary>Wraps whatever store the host registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IStateStore));
        services.AddSingleton<IStateStore>(sp => new FailingStateStore((IStateStore)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }

    public Task<bool> TryReceiveAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        FailReceives ? throw new InvalidOperationException("the state store is unavailable") : inner.TryReceiveAsync(message, cancellationToken);

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> ClaimUnfinishedAsync(DateTimeOffset staleBefore, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        inner.ClaimUnfinishedAsync(staleBefore, now, max, cancellationToken);

    public Task RenewClaimsAsync(IReadOnlyCollection<MessageKey> keys, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.RenewClaimsAsync(keys, now, cancellationToken);

    public Task<TimeSpan> TryTakeSendTurnAsync(string pace, DateTimeOffset now, TimeSpan minInterval, int? perMinute, CancellationToken cancellationToken) =>
        inner.TryTakeSendTurnAsync(pace, now, minInterval, perMinute, cancellationToken);

    private int _finishFailures;

    /// <summary>The next this many outcomes fail to be recorded as PostgreSQL fails when every connection is taken.</summary>
    public int FinishFailures
    {
        get => Volatile.Read(ref _finishFailures);
        set => Volatile.Write(ref _finishFailures, value);
    }

    public Task FinishAsync(MessageKey key, MessageOutcome outcome, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _finishFailures) >= 0
            ? throw new Npgsql.PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300")
            : inner.FinishAsync(key, outcome, detail, at, cancellationToken);

    public Task<MessageState?> GetStateAsync(MessageKey key, CancellationToken cancellationToken) => inner.GetStateAsync(key, cancellationToken);

    public Task<ReceivedMessage?> GetReceivedAsync(MessageKey key, CancellationToken cancellationToken) => inner.GetReceivedAsync(key, cancellationToken);

    public Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken) => inner.GetCursorAsync(name, cancellationToken);

    public Task SetCursorAsync(string name, long value, CancellationToken cancellationToken) => inner.SetCursorAsync(name, value, cancellationToken);

    public Task<bool> TryHoldLeaseAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.TryHoldLeaseAsync(name, holder, now, until, cancellationToken);

    public Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken) => inner.ReleaseLeaseAsync(name, holder, cancellationToken);

    public Task MarkChatVouchedAsync(string channel, string chatId, DateTimeOffset at, CancellationToken cancellationToken) => inner.MarkChatVouchedAsync(channel, chatId, at, cancellationToken);

    public Task<bool> IsChatVouchedAsync(string channel, string chatId, CancellationToken cancellationToken) => inner.IsChatVouchedAsync(channel, chatId, cancellationToken);

    public Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        inner.GetAsync(model, keys, cancellationToken);

    public Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken) =>
        inner.PutAsync(model, items, cancellationToken);
}
