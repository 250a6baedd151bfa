using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>A replica still working on a message renews its claim, and another finds nothing stale to take.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task A_renewed_claim_is_not_stale_and_finished_messages_are_left_alone()
    {
        var waiting = Message("waiting", T0);
        var other = Message("other", T0);
        var done = Message("done", T0);
        foreach (var message in new[] { waiting, other, done })
        {
            await Store.TryReceiveAsync(message, CancellationToken.None);
        }

        await Store.FinishAsync(done.Key, MessageOutcome.Replied, "sent", T0.AddSeconds(1), CancellationToken.None);

        await Open().RenewClaimsAsync([waiting.Key, done.Key], T0.AddMinutes(3), CancellationToken.None);

        // two minutes later than the start, three than the renewal: only the message nobody renewed is stale
        var claimed = await Store.ClaimUnfinishedAsync(T0.AddMinutes(2), T0.AddMinutes(4), 10, CancellationToken.None);
        Assert.Equal([other.Key], claimed.Select(m => m.Key));
        Assert.Equal(MessageOutcome.Replied, (await Store.GetStateAsync(done.Key, CancellationToken.None))!.Outcome);
    }
}
