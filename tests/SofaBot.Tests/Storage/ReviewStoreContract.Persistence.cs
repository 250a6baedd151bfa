using SofaBot.Learning;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>Feedback, what was learned, and what must survive a restart exactly as it was stored.</summary>
public abstract partial class ReviewStoreContract
{
    [Fact]
    public async Task A_users_second_press_on_an_answer_replaces_their_first()
    {
        var question = new MessageKey("telegram", "-100123", "500");
        var nextQuestion = new MessageKey("telegram", "-100123", "501");
        var sameIdOtherChat = new MessageKey("telegram", "-100999", "500");

        await Store.RecordFeedbackAsync(new AnswerFeedback(question, "alice", true, T0), CancellationToken.None);
        await Store.RecordFeedbackAsync(new AnswerFeedback(question, "bob", true, T0.AddSeconds(1)), CancellationToken.None);
        await Store.RecordFeedbackAsync(new AnswerFeedback(question, "alice", false, T0.AddSeconds(2)), CancellationToken.None);
        await Store.RecordFeedbackAsync(new AnswerFeedback(nextQuestion, "alice", true, T0.AddSeconds(3)), CancellationToken.None);

        Assert.Equal(
            [new AnswerFeedback(question, "alice", false, T0.AddSeconds(2)), new AnswerFeedback(question, "bob", true, T0.AddSeconds(1))],
            (await Store.ListFeedbackAsync(question, CancellationToken.None)).OrderBy(f => f.UserId, StringComparer.Ordinal));
        Assert.Equal([new AnswerFeedback(nextQuestion, "alice", true, T0.AddSeconds(3))], await Store.ListFeedbackAsync(nextQuestion, CancellationToken.None));
        Assert.Empty(await Store.ListFeedbackAsync(sameIdOtherChat, CancellationToken.None));
    }

    [Fact]
    public async Task Learned_entries_get_their_ids_and_pair_ids_and_survive_a_restart_oldest_first()
    {
        var alternate = new LearnedEntry(
            0, LearnedKind.AlternateQuestion, "sofa-weekly-20211112:3", 1, "jraft 新 leader 怎么知道 follower 的 match index？",
            null, null, null, "张三", "alice", T0, 7);
        var pair = new LearnedEntry(
            0, LearnedKind.Pair, "", 0, "seata 的 AT 模式支持 PostgreSQL 吗？ Does AT mode support PostgreSQL?",
            "支持 (yes): create the `undo_log` table in **every** business database.", "Seata", "https://github.com/apache/incubator-seata",
            "Li Si", "王五", T0.AddMinutes(1), 8);
        var written = pair with { Question = "How do I configure SOFARPC's timeout?", Answer = "Set `timeout` on the reference.", ProjectName = "SOFARPC", ProjectUrl = "https://github.com/sofastack/sofa-rpc", Asker = null, ReviewItemId = null, ApprovedAt = T0.AddMinutes(2) };

        var storedAlternate = await Store.AddLearnedAsync(alternate, CancellationToken.None);
        var storedPair = await Store.AddLearnedAsync(pair, CancellationToken.None);
        var storedWritten = await Store.AddLearnedAsync(written, CancellationToken.None);

        // an alternate question keeps the pair it rewords; a new pair is named after its own id
        Assert.Equal(alternate with { Id = storedAlternate.Id }, storedAlternate);
        Assert.Equal(pair with { Id = storedPair.Id, PairId = LearnedPairs.IdFor(storedPair.Id) }, storedPair);
        Assert.Equal(written with { Id = storedWritten.Id, PairId = LearnedPairs.IdFor(storedWritten.Id) }, storedWritten);
        Assert.True(storedAlternate.Id > 0 && storedAlternate.Id < storedPair.Id && storedPair.Id < storedWritten.Id);

        var restarted = await ReopenAsync();

        Assert.Equal([storedAlternate, storedPair, storedWritten], await restarted.ListLearnedAsync(CancellationToken.None));
        // after the restart new entries get new ids: a pair id is never given twice
        var later = await restarted.AddLearnedAsync(pair with { ApprovedAt = T0.AddDays(1) }, CancellationToken.None);
        Assert.True(later.Id > storedWritten.Id);
        Assert.Equal(LearnedPairs.IdFor(later.Id), later.PairId);
        Assert.Equal([storedAlternate, storedPair, storedWritten, later], await restarted.ListLearnedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_queue_its_decisions_and_feedback_survive_a_restart()
    {
        var posted = await Store.OpenAsync(Item("posted", T0), CancellationToken.None);
        var unposted = await Store.OpenAsync(Item("unposted", T0.AddMinutes(1), ReviewReason.NoAnswer), CancellationToken.None);
        var pending = await Store.OpenAsync(Item("pending", T0.AddMinutes(2), ReviewReason.Feedback), CancellationToken.None);
        await Store.SetReviewMessageAsync(posted.Id, "-100777", "501", CancellationToken.None);
        await Store.SetReviewMessageAsync(pending.Id, "-100777", "503", CancellationToken.None);
        (_, var decidedPosted) = await Store.DecideAsync(posted.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(3), Chosen: 1), CancellationToken.None);
        (_, var decidedUnposted) = await Store.DecideAsync(unposted.Id, new ReviewVerdict(ReviewStatus.Edited, "bob", T0.AddMinutes(4), Answer: "新的回答"), CancellationToken.None);
        await Store.MarkPostedAsync(posted.Id, T0.AddMinutes(5), null, CancellationToken.None);
        await Store.RecordFeedbackAsync(new AnswerFeedback(posted.Message.Key, "carol", false, T0.AddMinutes(6)), CancellationToken.None);
        var expectedPosted = decidedPosted! with { PostedAt = T0.AddMinutes(5) };
        var expectedPending = pending with { ReviewChatId = "-100777", ReviewMessageId = "503" };

        var restarted = await ReopenAsync();

        AssertItem(expectedPosted, await restarted.GetAsync(posted.Id, CancellationToken.None));
        AssertItem(decidedUnposted!, await restarted.GetAsync(unposted.Id, CancellationToken.None));
        AssertItem(expectedPending, await restarted.FindByReviewMessageAsync("-100777", "503", CancellationToken.None));
        Assert.Equal([pending.Id, unposted.Id, posted.Id], (await restarted.ListAsync(null, 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal([unposted.Id], (await restarted.ListUnpostedAsync(CancellationToken.None)).Select(i => i.Id));
        Assert.Equal([new AnswerFeedback(posted.Message.Key, "carol", false, T0.AddMinutes(6))], await restarted.ListFeedbackAsync(posted.Message.Key, CancellationToken.None));
        // the message handled again after the restart finds its item, still decided
        AssertItem(expectedPosted, await restarted.OpenAsync(Item("posted", T0.AddMinutes(7)), CancellationToken.None));
        Assert.Equal(DecideOutcome.AlreadyDecided, (await restarted.DecideAsync(posted.Id, new ReviewVerdict(ReviewStatus.Rejected, "bob", T0.AddMinutes(8)), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Times_come_back_as_the_same_instants_to_the_microsecond_in_both_stores()
    {
        // 0.7 µs and 1.9 µs past whole instants: PostgreSQL keeps microseconds and drops the rest; SQLite must agree.
        // The message itself is kept as JSON, to the tick.
        var item = Item("1", T0.AddTicks(7)) with { Message = Item("1", T0).Message with { SentAt = T0.AddTicks(3) } };

        var opened = await Store.OpenAsync(item, CancellationToken.None);
        var (_, decided) = await Store.DecideAsync(opened.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddTicks(19), Chosen: 1), CancellationToken.None);
        await Store.MarkPostedAsync(opened.Id, T0.AddTicks(29), null, CancellationToken.None);
        await Store.RecordFeedbackAsync(new AnswerFeedback(item.Message.Key, "bob", true, T0.AddTicks(39)), CancellationToken.None);
        var learned = await Store.AddLearnedAsync(new LearnedEntry(0, LearnedKind.Pair, "", 0, "q", "a", null, null, null, "alice", T0.AddTicks(49), opened.Id), CancellationToken.None);

        var stored = await Store.GetAsync(opened.Id, CancellationToken.None);
        var feedback = Assert.Single(await Store.ListFeedbackAsync(item.Message.Key, CancellationToken.None));
        var learnedBack = Assert.Single(await Store.ListLearnedAsync(CancellationToken.None));

        Assert.Equal(T0, opened.CreatedAt);
        Assert.Equal(T0.AddTicks(10), decided?.DecidedAt);
        Assert.Equal((T0, T0.AddTicks(10), T0.AddTicks(20)), (stored?.CreatedAt, stored?.DecidedAt, stored?.PostedAt));
        Assert.Equal(T0.AddTicks(30), feedback.At);
        Assert.Equal(T0.AddTicks(40), learned.ApprovedAt);
        Assert.Equal(T0.AddTicks(40), learnedBack.ApprovedAt);
        Assert.Equal(T0.AddTicks(3), stored?.Message.SentAt);
        Assert.All(
            new[] { stored!.CreatedAt, stored.DecidedAt!.Value, stored.PostedAt!.Value, feedback.At, learnedBack.ApprovedAt },
            time => Assert.Equal(TimeSpan.Zero, time.Offset));
    }
}
