using SofaBot.Review;

namespace SofaBot.Tests.Storage;

/// <summary>Posting an item to the review chat is claimed first: one replica posts it, a claim left by a replica that
/// died goes stale, and a failed post gives the claim back.</summary>
public abstract partial class ReviewStoreContract
{
    [Fact]
    public async Task Posting_an_item_to_the_review_chat_is_claimed_by_one_holder()
    {
        var other = Open();
        var item = await Store.OpenAsync(Item("posted", T0), CancellationToken.None);
        var stale = T0.AddMinutes(-2);

        Assert.True(await Store.TryClaimReviewPostAsync(item.Id, "a", T0, stale, CancellationToken.None));
        Assert.False(await other.TryClaimReviewPostAsync(item.Id, "b", T0.AddSeconds(1), stale, CancellationToken.None));

        // a claim older than the stale mark is a replica that died mid-post
        Assert.True(await other.TryClaimReviewPostAsync(item.Id, "b", T0.AddMinutes(5), T0.AddMinutes(3), CancellationToken.None));

        await other.SetReviewMessageAsync(item.Id, "-100", "7", CancellationToken.None);
        Assert.False(await Store.TryClaimReviewPostAsync(item.Id, "a", T0.AddMinutes(20), T0.AddMinutes(18), CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_given_back_is_taken_at_once_and_a_decided_item_is_not_posted()
    {
        var other = Open();
        var item = await Store.OpenAsync(Item("released", T0), CancellationToken.None);
        var decided = await Store.OpenAsync(Item("decided", T0), CancellationToken.None);
        await Store.DecideAsync(decided.Id, new ReviewVerdict(ReviewStatus.Rejected, "maria", T0.AddMinutes(1)), CancellationToken.None);

        Assert.True(await Store.TryClaimReviewPostAsync(item.Id, "a", T0, T0.AddMinutes(-2), CancellationToken.None));
        await other.ReleaseReviewPostAsync(item.Id, "b", CancellationToken.None);
        Assert.False(await other.TryClaimReviewPostAsync(item.Id, "b", T0.AddSeconds(1), T0.AddMinutes(-2), CancellationToken.None));
        await Store.ReleaseReviewPostAsync(item.Id, "a", CancellationToken.None);
        Assert.True(await other.TryClaimReviewPostAsync(item.Id, "b", T0.AddSeconds(2), T0.AddMinutes(-2), CancellationToken.None));

        Assert.False(await Store.TryClaimReviewPostAsync(decided.Id, "a", T0.AddMinutes(2), T0, CancellationToken.None));
    }
}
