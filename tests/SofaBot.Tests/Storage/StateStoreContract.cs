using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>What every state store promises, run against each implementation by its subclass on a real file or
/// database of its own. The facts never call <c>InitializeAsync</c> except where they test it, so every other fact
/// also proves that a store creates its schema on first use.</summary>
public abstract partial class StateStoreContract : IAsyncLifetime
{
    // whole milliseconds (stores keep microseconds) and an offset other than UTC: stores must compare instants
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 16, 0, 0, 250, TimeSpan.FromHours(8));

    private IStateStore? _store;

    internal IStateStore Store => _store ?? throw new InvalidOperationException("the store is opened in InitializeAsync");

    /// <summary>This test's own file or database (<see cref="TestDatabase"/>).</summary>
    internal abstract TestDatabase Database { get; }

    /// <summary>Another store instance on this test's file or database, as a second process or replica opens it.</summary>
    internal abstract IStateStore Open();

    /// <summary>Closes every store instance of this test and its connections, then opens a new one on the same file
    /// or database: what a restart does.</summary>
    internal async Task<IStateStore> ReopenAsync()
    {
        await Database.CloseAsync();
        return Open();
    }

    public async Task InitializeAsync()
    {
        await Database.CreateAsync();
        _store = Open();
    }

    public Task DisposeAsync() => Database.DeleteAsync();

    [Fact]
    public async Task A_message_delivered_twice_is_received_once_and_keeps_its_first_delivery()
    {
        var first = Message("42", T0, """{"text":"first"}""");

        Assert.True(await Store.TryReceiveAsync(first, CancellationToken.None));
        Assert.False(await Store.TryReceiveAsync(first with { Payload = """{"text":"second"}""", ReceivedAt = T0.AddMinutes(5) }, CancellationToken.None));

        Assert.Equal(new MessageState(MessageOutcome.Pending, null, T0, null), await Store.GetStateAsync(first.Key, CancellationToken.None));
        var claimed = await Store.ClaimUnfinishedAsync(T0.AddHours(1), T0.AddHours(1), 10, CancellationToken.None);
        Assert.Equal(first, Assert.Single(claimed));
    }

    [Fact]
    public async Task A_message_answered_then_delivered_again_stays_answered()
    {
        var message = Message("42", T0);
        await Store.TryReceiveAsync(message, CancellationToken.None);
        await Store.FinishAsync(message.Key, MessageOutcome.Replied, "answered from sofa-weekly-20211112:3", T0.AddSeconds(2), CancellationToken.None);

        Assert.False(await Store.TryReceiveAsync(message with { ReceivedAt = T0.AddMinutes(1) }, CancellationToken.None));

        Assert.Equal(
            new MessageState(MessageOutcome.Replied, "answered from sofa-weekly-20211112:3", T0, T0.AddSeconds(2)),
            await Store.GetStateAsync(message.Key, CancellationToken.None));
        Assert.Empty(await Store.ClaimUnfinishedAsync(T0.AddHours(1), T0.AddHours(1), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Eight_simultaneous_deliveries_of_one_message_are_received_exactly_once()
    {
        // two instances: the deliveries may reach two processes (or replicas) at once
        IStateStore[] stores = [Store, Open()];
        for (var id = 0; id < 10; id++)
        {
            var message = Message($"race-{id}", T0.AddSeconds(id));
            var received = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => stores[i % 2].TryReceiveAsync(message, CancellationToken.None))));

            Assert.Single(received, r => r);
        }
    }

    [Fact]
    public async Task Finishing_records_the_outcome_and_its_detail()
    {
        var replied = Message("1", T0);
        var skipped = Message("2", T0.AddSeconds(1));
        var failed = Message("3", T0.AddSeconds(2));
        foreach (var message in new[] { replied, skipped, failed })
        {
            await Store.TryReceiveAsync(message, CancellationToken.None);
        }

        await Store.FinishAsync(replied.Key, MessageOutcome.Replied, "answered from sofa-weekly-20211112:3", T0.AddSeconds(10), CancellationToken.None);
        await Store.FinishAsync(skipped.Key, MessageOutcome.Skipped, "small talk", T0.AddSeconds(11), CancellationToken.None);
        await Store.FinishAsync(failed.Key, MessageOutcome.Failed, "Telegram refused the reply: 403 bot was blocked by the user", T0.AddSeconds(12), CancellationToken.None);

        Assert.Equal(new MessageState(MessageOutcome.Replied, "answered from sofa-weekly-20211112:3", T0, T0.AddSeconds(10)), await Store.GetStateAsync(replied.Key, CancellationToken.None));
        Assert.Equal(new MessageState(MessageOutcome.Skipped, "small talk", T0.AddSeconds(1), T0.AddSeconds(11)), await Store.GetStateAsync(skipped.Key, CancellationToken.None));
        Assert.Equal(
            new MessageState(MessageOutcome.Failed, "Telegram refused the reply: 403 bot was blocked by the user", T0.AddSeconds(2), T0.AddSeconds(12)),
            await Store.GetStateAsync(failed.Key, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_message_has_no_state_and_finishing_it_records_nothing()
    {
        var unknown = new MessageKey("telegram", "-100123", "never-received");

        Assert.Null(await Store.GetStateAsync(unknown, CancellationToken.None));
        await Store.FinishAsync(unknown, MessageOutcome.Replied, "sent", T0, CancellationToken.None);

        Assert.Null(await Store.GetStateAsync(unknown, CancellationToken.None));
        Assert.True(await Store.TryReceiveAsync(new ReceivedMessage(unknown, "{}", T0.AddSeconds(1)), CancellationToken.None));
    }

    [Fact]
    public async Task Several_instances_initializing_at_once_all_end_up_working()
    {
        // replicas starting together on a database nobody has used yet
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(CancellationToken.None))));
        await stores[0].InitializeAsync(CancellationToken.None);

        Assert.True(await stores[1].TryReceiveAsync(Message("1", T0), CancellationToken.None));
        Assert.False(await stores[2].TryReceiveAsync(Message("1", T0), CancellationToken.None));
        await stores[3].SetCursorAsync("telegram:offset", 7, CancellationToken.None);
        Assert.Equal(7, await stores[0].GetCursorAsync("telegram:offset", CancellationToken.None));
    }

    [Fact]
    public async Task A_chat_is_vouched_for_once_recorded_on_its_own_channel_only_and_recording_it_again_is_harmless()
    {
        Assert.False(await Store.IsChatVouchedAsync("dingtalk", "cidGroup==", CancellationToken.None));

        await Store.MarkChatVouchedAsync("dingtalk", "cidGroup==", T0, CancellationToken.None);
        await Store.MarkChatVouchedAsync("dingtalk", "cidGroup==", T0.AddMinutes(1), CancellationToken.None);

        Assert.True(await Store.IsChatVouchedAsync("dingtalk", "cidGroup==", CancellationToken.None));
        Assert.True(await Open().IsChatVouchedAsync("dingtalk", "cidGroup==", CancellationToken.None));
        Assert.False(await Store.IsChatVouchedAsync("telegram", "cidGroup==", CancellationToken.None));
        Assert.False(await Store.IsChatVouchedAsync("dingtalk", "cidOther==", CancellationToken.None));
    }

    private static ReceivedMessage Message(string id, DateTimeOffset at, string? payload = null) =>
        new(new MessageKey("telegram", "-100123", id), payload ?? $$"""{"text":"message {{id}}"}""", at);
}
