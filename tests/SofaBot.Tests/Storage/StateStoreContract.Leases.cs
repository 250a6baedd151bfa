namespace SofaBot.Tests.Storage;

/// <summary>Leases: one holder at a time across replicas (who long-polls Telegram), taken over once it expires or is
/// given up.</summary>
public abstract partial class StateStoreContract
{
    private const string Lease = "telegram:42:polling";

    [Fact]
    public async Task A_lease_has_one_holder_until_it_expires_and_its_holder_renews_it()
    {
        var other = Open();

        Assert.True(await Store.TryHoldLeaseAsync(Lease, "a", T0, T0.AddSeconds(15), CancellationToken.None));
        Assert.False(await other.TryHoldLeaseAsync(Lease, "b", T0.AddSeconds(5), T0.AddSeconds(20), CancellationToken.None));
        Assert.True(await Store.TryHoldLeaseAsync(Lease, "a", T0.AddSeconds(10), T0.AddSeconds(25), CancellationToken.None));

        // renewed to T0+25: b still waits at T0+20, and takes it once it ran out
        Assert.False(await other.TryHoldLeaseAsync(Lease, "b", T0.AddSeconds(20), T0.AddSeconds(35), CancellationToken.None));
        Assert.True(await other.TryHoldLeaseAsync(Lease, "b", T0.AddSeconds(26), T0.AddSeconds(41), CancellationToken.None));
        Assert.False(await Store.TryHoldLeaseAsync(Lease, "a", T0.AddSeconds(27), T0.AddSeconds(42), CancellationToken.None));
    }

    [Fact]
    public async Task A_lease_given_up_is_taken_at_once_and_only_its_holder_can_give_it_up()
    {
        var other = Open();
        Assert.True(await Store.TryHoldLeaseAsync(Lease, "a", T0, T0.AddSeconds(15), CancellationToken.None));

        await other.ReleaseLeaseAsync(Lease, "b", CancellationToken.None);
        Assert.False(await other.TryHoldLeaseAsync(Lease, "b", T0.AddSeconds(1), T0.AddSeconds(16), CancellationToken.None));

        await Store.ReleaseLeaseAsync(Lease, "a", CancellationToken.None);
        Assert.True(await other.TryHoldLeaseAsync(Lease, "b", T0.AddSeconds(1), T0.AddSeconds(16), CancellationToken.None));
    }

    [Fact]
    public async Task Of_many_replicas_racing_for_a_free_lease_exactly_one_wins()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => Open()).ToList();
        await Store.InitializeAsync(CancellationToken.None);

        var won = await Task.WhenAll(replicas.Select((r, i) => Task.Run(() => r.TryHoldLeaseAsync(Lease, $"replica-{i}", T0, T0.AddSeconds(15), CancellationToken.None))));

        Assert.Single(won, w => w);
    }
}
