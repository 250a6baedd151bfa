using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>Resuming: what was received but never finished is claimed again once its claim is stale.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Unfinished_messages_are_claimed_once_their_claim_is_stale_oldest_first_up_to_max()
    {
        // received out of order; "done" is the oldest but finished
        var m1 = Message("m1", T0);
        var m2 = Message("m2", T0.AddMinutes(1));
        var m3 = Message("m3", T0.AddMinutes(2));
        var m4 = Message("m4", T0.AddMinutes(3));
        var done = Message("done", T0.AddMinutes(-1));
        foreach (var message in new[] { m3, done, m1, m4, m2 })
        {
            await Store.TryReceiveAsync(message, CancellationToken.None);
        }

        await Store.FinishAsync(done.Key, MessageOutcome.Skipped, "small talk", T0, CancellationToken.None);
        var staleBefore = T0.AddMinutes(2.5);
        var now = T0.AddMinutes(10);

        Assert.Equal([m1, m2], await Store.ClaimUnfinishedAsync(staleBefore, now, 2, CancellationToken.None));
        // m1 and m2 are claimed at "now" and m4's claim (its arrival) is fresh
        Assert.Equal([m3], await Store.ClaimUnfinishedAsync(staleBefore, now, 2, CancellationToken.None));
        Assert.Empty(await Store.ClaimUnfinishedAsync(staleBefore, now, 2, CancellationToken.None));

        // "older than" is strict: claims made exactly at staleBefore are not stale yet
        Assert.Equal([m4], await Store.ClaimUnfinishedAsync(now, now.AddMinutes(1), 10, CancellationToken.None));

        // much later every claim is stale again; the finished message is never claimed
        var later = T0.AddHours(1);
        Assert.Equal([m1, m2, m3, m4], await Store.ClaimUnfinishedAsync(later, later, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Two_replicas_claiming_at_once_split_the_unfinished_messages_between_them()
    {
        var messages = Enumerable.Range(0, 200).Select(i => Message($"m{i}", T0.AddMilliseconds(i))).ToList();
        foreach (var message in messages)
        {
            await Store.TryReceiveAsync(message, CancellationToken.None);
        }

        var later = T0.AddHours(1);
        IStateStore[] replicas = [Store, Open()];
        using var start = new Barrier(replicas.Length);
        var claims = await Task.WhenAll(replicas.Select(replica => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var mine = new List<MessageKey>();
            while (await replica.ClaimUnfinishedAsync(later, later, 7, CancellationToken.None) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(m => m.Key));
            }

            return mine;
        })));

        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(messages.Select(m => m.Key).ToHashSet(), claims.SelectMany(c => c).ToHashSet());
        Assert.Equal(messages.Count, claims.Sum(c => c.Count));
    }
}
