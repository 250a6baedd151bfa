namespace SofaBot.Tests.Storage;

/// <summary>A chat's send pace, shared by the replicas: a second apart, at most so many a minute, one turn each.</summary>
public abstract partial class StateStoreContract
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Send_turns_are_a_second_apart_and_at_most_the_limit_a_minute_across_replicas()
    {
        var other = Open();
        Assert.Equal(TimeSpan.Zero, await Store.TryTakeSendTurnAsync("telegram:-100", T0, Second, 3, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(600), await other.TryTakeSendTurnAsync("telegram:-100", T0.AddMilliseconds(400), Second, 3, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await other.TryTakeSendTurnAsync("telegram:-100", T0.AddSeconds(1), Second, 3, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await Store.TryTakeSendTurnAsync("telegram:-100", T0.AddSeconds(2), Second, 3, CancellationToken.None));

        // three in the minute: the fourth waits until the first is a minute old; another chat does not wait at all
        Assert.Equal(TimeSpan.FromSeconds(57), await other.TryTakeSendTurnAsync("telegram:-100", T0.AddSeconds(3), Second, 3, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await other.TryTakeSendTurnAsync("telegram:-200", T0.AddSeconds(3), Second, 3, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await Store.TryTakeSendTurnAsync("telegram:-100", T0.AddSeconds(60), Second, 3, CancellationToken.None));

        // a private chat has no minute limit
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, await Store.TryTakeSendTurnAsync("telegram:42", T0.AddSeconds(i), Second, null, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Of_many_replicas_asking_for_a_turn_at_once_one_gets_it()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => Open()).ToList();
        await Store.InitializeAsync(CancellationToken.None);

        var waits = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.TryTakeSendTurnAsync("dingtalk:cid", T0, Second, 20, CancellationToken.None))));

        Assert.Single(waits, w => w == TimeSpan.Zero);
    }
}
