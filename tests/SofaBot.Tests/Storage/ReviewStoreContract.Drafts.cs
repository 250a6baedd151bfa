using SofaBot.Review;

namespace SofaBot.Tests.Storage;

/// <summary>A model's draft answer on a pending item: kept with every field, the first one stays, and a decided item
/// gets none.</summary>
public abstract partial class ReviewStoreContract
{
    [Fact]
    public async Task A_draft_is_kept_on_a_pending_item_once_and_never_on_a_decided_one()
    {
        var item = await Store.OpenAsync(Item("drafted", T0), CancellationToken.None);
        var decided = await Store.OpenAsync(Item("decided-first", T0), CancellationToken.None);
        await Store.DecideAsync(decided.Id, new ReviewVerdict(ReviewStatus.Rejected, "maria", T0.AddMinutes(1)), CancellationToken.None);
        Assert.Null(item.Draft);

        var draft = new ReviewDraft("快照间隔用 `snapshotIntervalSecs` 配置。\nSee [#1].", "qwen-plus", T0.AddSeconds(3), 1);
        Assert.True(await Store.SetDraftAsync(item.Id, draft, CancellationToken.None));
        Assert.False(await Open().SetDraftAsync(item.Id, draft with { Text = "a second draft", Model = "other" }, CancellationToken.None));
        Assert.False(await Store.SetDraftAsync(decided.Id, draft, CancellationToken.None));
        Assert.False(await Store.SetDraftAsync(item.Id + 1000, draft, CancellationToken.None));

        Assert.Equal(draft, (await (await ReopenAsync()).GetAsync(item.Id, CancellationToken.None))?.Draft);
        Assert.Equal(draft, Assert.Single(await Open().ListAsync(ReviewStatus.Pending, 10, CancellationToken.None)).Draft);
        Assert.Null((await Open().GetAsync(decided.Id, CancellationToken.None))?.Draft);
    }
}
