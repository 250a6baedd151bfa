using SofaBot.Review;

namespace SofaBot.Tests.Storage;

/// <summary>Deciding: once, by exactly one maintainer, never overwritten by a later press, another replica or the
/// expiry sweep; and posting what was decided.</summary>
public abstract partial class ReviewStoreContract
{
    [Fact]
    public async Task Approved_edited_and_rejected_items_keep_who_decided_when_and_what()
    {
        var approved = await Store.OpenAsync(Item("1", T0), CancellationToken.None);
        var edited = await Store.OpenAsync(Item("2", T0.AddSeconds(1)), CancellationToken.None);
        var rejected = await Store.OpenAsync(Item("3", T0.AddSeconds(2)), CancellationToken.None);
        const string answer = "支持。AT 模式需要在 PostgreSQL 里建 `undo_log` 表。\n\nYes: create the `undo_log` table.";

        var a = await Store.DecideAsync(approved.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(1), Chosen: 2), CancellationToken.None);
        var e = await Store.DecideAsync(edited.Id, new ReviewVerdict(ReviewStatus.Edited, "王五", T0.AddMinutes(2), Answer: answer), CancellationToken.None);
        var r = await Store.DecideAsync(rejected.Id, new ReviewVerdict(ReviewStatus.Rejected, "bob", T0.AddMinutes(3), Note: "不是问题 (not a question)"), CancellationToken.None);

        var expectedApproved = approved with { Status = ReviewStatus.Approved, DecidedBy = "alice", DecidedAt = T0.AddMinutes(1), Chosen = 2 };
        var expectedEdited = edited with { Status = ReviewStatus.Edited, DecidedBy = "王五", DecidedAt = T0.AddMinutes(2), Answer = answer };
        var expectedRejected = rejected with { Status = ReviewStatus.Rejected, DecidedBy = "bob", DecidedAt = T0.AddMinutes(3), Note = "不是问题 (not a question)" };
        Assert.Equal([DecideOutcome.Decided, DecideOutcome.Decided, DecideOutcome.Decided], new[] { a.Outcome, e.Outcome, r.Outcome });
        AssertItem(expectedApproved, a.Item);
        AssertItem(expectedEdited, e.Item);
        AssertItem(expectedRejected, r.Item);
        AssertItem(expectedApproved, await Store.GetAsync(approved.Id, CancellationToken.None));
        AssertItem(expectedEdited, await Store.GetAsync(edited.Id, CancellationToken.None));
        AssertItem(expectedRejected, await Store.GetAsync(rejected.Id, CancellationToken.None));
        Assert.All(await Store.ListAsync(null, 10, CancellationToken.None), item => Assert.True(item.IsDecided));
    }

    [Fact]
    public async Task Items_opened_asked_again_or_decided_since_a_time_are_listed_oldest_first_whatever_their_status()
    {
        var since = T0.AddDays(5);
        var decidedLongAgo = await Store.OpenAsync(Item("1", T0), CancellationToken.None);
        await Store.DecideAsync(decidedLongAgo.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(1), Chosen: 1), CancellationToken.None);
        var decidedLately = await Store.OpenAsync(Item("2", T0.AddSeconds(1)), CancellationToken.None);
        await Store.DecideAsync(decidedLately.Id, new ReviewVerdict(ReviewStatus.Rejected, "bob", since.AddHours(1), Note: "rejected"), CancellationToken.None);
        var askedAgain = await Store.OpenAsync(Asked("-100123", "3", "jraft 怎么做快照？", T0.AddSeconds(2)), CancellationToken.None);
        await Store.OpenAsync(Asked("-100999", "4", "jraft 怎么做快照", since.AddHours(2)), CancellationToken.None);
        var openedLately = await Store.OpenAsync(Item("5", since), CancellationToken.None);
        await Store.OpenAsync(Item("6", T0.AddSeconds(3)), CancellationToken.None);

        var listed = await Store.ListActiveSinceAsync(since, CancellationToken.None);

        Assert.Equal([decidedLately.Id, askedAgain.Id, openedLately.Id], listed.Select(i => i.Id));
        Assert.Equal([ReviewStatus.Rejected, ReviewStatus.Pending, ReviewStatus.Pending], listed.Select(i => i.Status));
        Assert.Equal(2, listed[1].AskedCount);
        Assert.Equal(["3", "4"], listed[1].Askers.Select(a => a.Message.Key.MessageId));
    }

    [Fact]
    public async Task Rejected_items_of_one_chat_are_found_newest_first_since_a_time()
    {
        var old = await Store.OpenAsync(Item("1", T0), CancellationToken.None);
        var recent = await Store.OpenAsync(Item("2", T0.AddSeconds(1)), CancellationToken.None);
        var notAQuestion = await Store.OpenAsync(Item("3", T0.AddSeconds(2)), CancellationToken.None);
        var approved = await Store.OpenAsync(Item("4", T0.AddSeconds(3)), CancellationToken.None);
        var pending = await Store.OpenAsync(Item("5", T0.AddSeconds(4)), CancellationToken.None);
        var elsewhere = Item("6", T0.AddSeconds(5));
        elsewhere = await Store.OpenAsync(elsewhere with { Message = elsewhere.Message with { Key = elsewhere.Message.Key with { ChatId = "-100999" } } }, CancellationToken.None);
        await Store.DecideAsync(old.Id, new ReviewVerdict(ReviewStatus.Rejected, "bob", T0.AddDays(-40)), CancellationToken.None);
        await Store.DecideAsync(recent.Id, new ReviewVerdict(ReviewStatus.Rejected, "bob", T0.AddDays(-2), Note: "rejected"), CancellationToken.None);
        await Store.DecideAsync(notAQuestion.Id, new ReviewVerdict(ReviewStatus.Rejected, "alice", T0.AddDays(-1), Note: "not a question"), CancellationToken.None);
        await Store.DecideAsync(approved.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddDays(-1), Chosen: 1), CancellationToken.None);
        await Store.DecideAsync(elsewhere.Id, new ReviewVerdict(ReviewStatus.Rejected, "bob", T0.AddDays(-1)), CancellationToken.None);

        var found = await Store.ListRejectedAsync("telegram", "-100123", T0.AddDays(-30), CancellationToken.None);

        Assert.Equal([notAQuestion.Id, recent.Id], found.Select(i => i.Id));
        Assert.Equal("not a question", found[0].Note);
        Assert.Empty(await Store.ListRejectedAsync("dingtalk", "-100123", T0.AddDays(-30), CancellationToken.None));
        Assert.DoesNotContain(pending.Id, found.Select(i => i.Id));
    }

    [Fact]
    public async Task A_second_decision_is_refused_and_the_first_one_stands()
    {
        var item = await Store.OpenAsync(Item("1", T0), CancellationToken.None);
        var expected = item with { Status = ReviewStatus.Approved, DecidedBy = "alice", DecidedAt = T0.AddMinutes(1), Chosen = 1 };
        Assert.Equal(DecideOutcome.Decided, (await Store.DecideAsync(item.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(1), Chosen: 1), CancellationToken.None)).Outcome);

        // the same button pressed again, and another maintainer on another replica a moment later
        var again = await Store.DecideAsync(item.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(2), Chosen: 3), CancellationToken.None);
        var other = await Open().DecideAsync(item.Id, new ReviewVerdict(ReviewStatus.Rejected, "bob", T0.AddMinutes(3), Note: "duplicate"), CancellationToken.None);

        Assert.Equal(DecideOutcome.AlreadyDecided, again.Outcome);
        AssertItem(expected, again.Item);
        Assert.Equal(DecideOutcome.AlreadyDecided, other.Outcome);
        AssertItem(expected, other.Item);
        AssertItem(expected, await Store.GetAsync(item.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Of_eight_simultaneous_decisions_on_one_item_exactly_one_wins()
    {
        // eight maintainers on as many replicas, each store instance with its own connections
        var stores = Enumerable.Range(0, 8).Select(i => i == 0 ? Store : Open()).ToList();
        for (var round = 0; round < 10; round++)
        {
            var item = await Store.OpenAsync(Item($"race-{round}", T0.AddSeconds(round)), CancellationToken.None);

            var results = await AllAtOnceAsync(stores.Count, i => stores[i].DecideAsync(
                item.Id,
                i % 2 == 0
                    ? new ReviewVerdict(ReviewStatus.Approved, $"maintainer-{i}", T0.AddMinutes(i), Chosen: i + 1)
                    : new ReviewVerdict(ReviewStatus.Rejected, $"maintainer-{i}", T0.AddMinutes(i), Note: $"note {i}"),
                CancellationToken.None));

            var winner = Assert.Single(results, r => r.Outcome == DecideOutcome.Decided);
            Assert.All(results.Where(r => r.Outcome != DecideOutcome.Decided), r => Assert.Equal(DecideOutcome.AlreadyDecided, r.Outcome));
            // every loser is shown the winner's decision, and the store keeps it
            Assert.All(results, r => AssertItem(winner.Item!, r.Item));
            AssertItem(winner.Item!, await Store.GetAsync(item.Id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Deciding_an_unknown_item_finds_nothing_and_changes_nothing()
    {
        var item = await Store.OpenAsync(Item("1", T0), CancellationToken.None);
        var unknown = item.Id + 1000;

        var result = await Store.DecideAsync(unknown, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(1), Chosen: 1), CancellationToken.None);
        await Store.MarkPostedAsync(unknown, T0.AddMinutes(2), null, CancellationToken.None);
        await Store.SetReviewMessageAsync(unknown, "-100777", "1", CancellationToken.None);

        Assert.Equal((DecideOutcome.NotFound, (ReviewItem?)null), result);
        Assert.Null(await Store.GetAsync(unknown, CancellationToken.None));
        Assert.Null(await Store.FindByReviewMessageAsync("-100777", "1", CancellationToken.None));
        AssertItem(item, Assert.Single(await Store.ListAsync(null, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task A_verdict_that_leaves_the_item_pending_is_refused()
    {
        var item = await Store.OpenAsync(Item("1", T0), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.DecideAsync(item.Id, new ReviewVerdict(ReviewStatus.Pending, "alice", T0.AddMinutes(1)), CancellationToken.None));

        AssertItem(item, await Store.GetAsync(item.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Expiring_turns_only_pending_items_created_before_the_cutoff_into_expired_ones()
    {
        var cutoff = T0.AddHours(1);
        var now = T0.AddHours(3);
        var old1 = await Store.OpenAsync(Item("old-1", T0.AddMinutes(1)), CancellationToken.None);
        var old2 = await Store.OpenAsync(Item("old-2", T0), CancellationToken.None);
        var oldDecided = await Store.OpenAsync(Item("old-decided", T0.AddMinutes(2)), CancellationToken.None);
        var atCutoff = await Store.OpenAsync(Item("at-cutoff", cutoff), CancellationToken.None);
        var recent = await Store.OpenAsync(Item("recent", T0.AddHours(2)), CancellationToken.None);
        (_, var decided) = await Store.DecideAsync(oldDecided.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(30), Chosen: 1), CancellationToken.None);

        var expired = await Store.ExpireAsync(cutoff, now, CancellationToken.None);

        // "before" is strict; nobody decided them, and nothing will be sent
        Assert.Equal([old1.Id, old2.Id], expired.Select(i => i.Id).Order());
        var expectedOld1 = old1 with { Status = ReviewStatus.Expired, DecidedAt = now, DecidedBy = null, Note = "expired" };
        var expectedOld2 = old2 with { Status = ReviewStatus.Expired, DecidedAt = now, DecidedBy = null, Note = "expired" };
        AssertItem(expectedOld1, expired.Single(i => i.Id == old1.Id));
        AssertItem(expectedOld1, await Store.GetAsync(old1.Id, CancellationToken.None));
        AssertItem(expectedOld2, await Store.GetAsync(old2.Id, CancellationToken.None));
        AssertItem(decided!, await Store.GetAsync(oldDecided.Id, CancellationToken.None));
        Assert.Equal([atCutoff.Id, recent.Id], (await Store.ListAsync(ReviewStatus.Pending, 10, CancellationToken.None)).Select(i => i.Id));

        // a second sweep finds nothing more, and an expired item can no longer be decided
        Assert.Empty(await Store.ExpireAsync(cutoff, now.AddMinutes(1), CancellationToken.None));
        var late = await Store.DecideAsync(old1.Id, new ReviewVerdict(ReviewStatus.Approved, "bob", now.AddMinutes(2), Chosen: 1), CancellationToken.None);
        Assert.Equal(DecideOutcome.AlreadyDecided, late.Outcome);
        AssertItem(expectedOld1, late.Item);
    }

    [Fact]
    public async Task An_expiry_sweep_racing_decisions_never_expires_an_item_that_was_decided()
    {
        var items = new List<ReviewItem>();
        for (var i = 0; i < 30; i++)
        {
            items.Add(await Store.OpenAsync(Item($"m{i}", T0.AddSeconds(i)), CancellationToken.None));
        }

        // the sweep on one replica while maintainers decide every item on two others
        IReviewStore[] deciders = [Open(), Open()];
        var sweep = Store;
        var calls = await AllAtOnceAsync<(IReadOnlyList<ReviewItem> Expired, ReviewItem? Decided)>(items.Count + 1, async i =>
        {
            if (i == items.Count / 2)
            {
                return (await sweep.ExpireAsync(T0.AddHours(1), T0.AddHours(2), CancellationToken.None), null);
            }

            var item = items[i > items.Count / 2 ? i - 1 : i];
            var (outcome, after) = await deciders[i % 2].DecideAsync(item.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(30), Chosen: 1), CancellationToken.None);
            return ([], outcome == DecideOutcome.Decided ? after : null);
        });

        var expiredIds = calls.SelectMany(c => c.Expired).Select(i => i.Id).ToHashSet();
        var decidedIds = calls.Where(c => c.Decided is not null).Select(c => c.Decided!.Id).ToHashSet();
        // each item went one way or the other, never both, never neither
        Assert.Empty(expiredIds.Intersect(decidedIds));
        Assert.Equal(items.Select(i => i.Id).ToHashSet(), expiredIds.Union(decidedIds).ToHashSet());
        foreach (var stored in await Store.ListAsync(null, 100, CancellationToken.None))
        {
            Assert.Equal(decidedIds.Contains(stored.Id) ? ReviewStatus.Approved : ReviewStatus.Expired, stored.Status);
        }
    }

    [Fact]
    public async Task Approved_and_edited_items_are_listed_oldest_first_until_their_answer_is_posted_or_fails()
    {
        var approved = await Store.OpenAsync(Item("approved", T0.AddMinutes(1)), CancellationToken.None);
        var edited = await Store.OpenAsync(Item("edited", T0), CancellationToken.None);
        var posted = await Store.OpenAsync(Item("posted", T0.AddMinutes(2)), CancellationToken.None);
        var rejected = await Store.OpenAsync(Item("rejected", T0.AddMinutes(3)), CancellationToken.None);
        var expired = await Store.OpenAsync(Item("expired", T0.AddMinutes(-60)), CancellationToken.None);
        await Store.OpenAsync(Item("pending", T0.AddMinutes(4)), CancellationToken.None);
        await Store.DecideAsync(approved.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(10), Chosen: 1), CancellationToken.None);
        await Store.DecideAsync(edited.Id, new ReviewVerdict(ReviewStatus.Edited, "alice", T0.AddMinutes(11), Answer: "edited answer"), CancellationToken.None);
        await Store.DecideAsync(posted.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(12), Chosen: 1), CancellationToken.None);
        await Store.DecideAsync(rejected.Id, new ReviewVerdict(ReviewStatus.Rejected, "alice", T0.AddMinutes(13), Note: "not a question"), CancellationToken.None);
        await Store.MarkPostedAsync(posted.Id, T0.AddMinutes(12.5), null, CancellationToken.None);
        Assert.Equal([expired.Id], (await Store.ExpireAsync(T0.AddMinutes(-30), T0.AddMinutes(14), CancellationToken.None)).Select(i => i.Id));

        Assert.Equal([edited.Id, approved.Id], (await Store.ListUnpostedAsync(CancellationToken.None)).Select(i => i.Id));

        await Store.MarkPostedAsync(approved.Id, T0.AddMinutes(20), null, CancellationToken.None);
        Assert.Equal([edited.Id], (await Store.ListUnpostedAsync(CancellationToken.None)).Select(i => i.Id));

        await Store.MarkPostedAsync(edited.Id, T0.AddMinutes(21), "Telegram refused the reply: 403 bot was kicked from the group", CancellationToken.None);
        Assert.Empty(await Store.ListUnpostedAsync(CancellationToken.None));

        var afterPost = await Store.GetAsync(approved.Id, CancellationToken.None);
        var afterFailure = await Store.GetAsync(edited.Id, CancellationToken.None);
        Assert.Equal((T0.AddMinutes(20), (string?)null), (afterPost?.PostedAt, afterPost?.PostError));
        Assert.Equal((T0.AddMinutes(21), "Telegram refused the reply: 403 bot was kicked from the group"), (afterFailure?.PostedAt, afterFailure?.PostError));
        Assert.Equal(ReviewStatus.Edited, afterFailure?.Status);
    }
}
