using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>What every review store promises, run against each implementation by its subclass on a real file or
/// database of its own, created empty: every fact also proves that a store creates its tables on first use.</summary>
public abstract partial class ReviewStoreContract : IAsyncLifetime
{
    // whole milliseconds (stores keep microseconds) and an offset other than UTC: stores must compare instants
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 16, 0, 0, 250, TimeSpan.FromHours(8));

    // candidates are a list: records compare it by reference, so items are compared without it, and it on its own
    private static readonly IReadOnlyList<ReviewCandidate> NoCandidates = [];

    private static readonly IReadOnlyList<ReviewAsker> NoAskers = [];

    private IReviewStore? _store;

    internal IReviewStore Store => _store ?? throw new InvalidOperationException("the store is opened in InitializeAsync");

    /// <summary>This test's own file or database (<see cref="TestDatabase"/>).</summary>
    internal abstract TestDatabase Database { get; }

    /// <summary>Another store instance on this test's file or database, as a second process or replica opens it.</summary>
    internal abstract IReviewStore Open();

    /// <summary>Closes every store instance of this test and its connections, then opens a new one on the same file
    /// or database: what a restart does.</summary>
    internal async Task<IReviewStore> ReopenAsync()
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
    public async Task An_opened_item_gets_an_id_and_comes_back_with_every_field_as_it_was_opened()
    {
        var item = new ReviewItem
        {
            Reason = ReviewReason.NoAnswer,
            Message = new IncomingMessage
            {
                Key = new MessageKey("dingtalk", "cid6KeBBLoveMJOGXoYKF5x7EeiodoA==", "msg-消息-1"),
                Text = "seata 的 AT 模式支持 PostgreSQL 吗？ Does Seata's AT mode support PostgreSQL? 🛋️\n第二行",
                SenderId = "staff-0042",
                SenderName = "张三 (Zhang San)",
                SenderLanguage = "zh-hans",
                ChatTitle = "Seata 用户群 <3>",
                Addressing = Addressing.Mention,
                SentAt = T0.AddSeconds(-3),
                Route = new ReplyRoute(
                    ThreadId: "17",
                    SessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=c0ffee",
                    SessionWebhookExpiresAt: T0.AddMinutes(90)),
            },
            Candidates =
            [
                Candidate("sofa-weekly-20211112:3", 1, "seata 支持哪些数据库？", "MySQL、Oracle、**PostgreSQL**（1.4 起）", 0.8125f),
                Candidate("sofa-weekly-20220304:1", 0, "Does the AT mode need undo_log?", "Yes, every business database needs the `undo_log` table.", 0.5f),
            ],
            Confidence = 0.7312f,
            DecisionReason = "match (0.73) held back: the weeklies never mention \"PostgreSQL\"",
            CreatedAt = T0,
        };

        var opened = await Store.OpenAsync(item, CancellationToken.None);

        Assert.True(opened.Id > 0);
        AssertItem(item with { Id = opened.Id }, opened);
        AssertItem(item with { Id = opened.Id }, await Store.GetAsync(opened.Id, CancellationToken.None));
        AssertItem(item with { Id = opened.Id }, Assert.Single(await Store.ListAsync(null, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task Opening_the_same_message_for_the_same_reason_again_returns_the_first_item_unchanged()
    {
        var first = await Store.OpenAsync(Item("42", T0, text: "first handling"), CancellationToken.None);

        // the message handled again after a crash: other candidates, a later time, even another store instance
        var again = await Open().OpenAsync(
            Item("42", T0.AddMinutes(5), text: "second handling") with { Candidates = [], Confidence = 0.1f },
            CancellationToken.None);
        await Store.DecideAsync(first.Id, new ReviewVerdict(ReviewStatus.Rejected, "alice", T0.AddMinutes(6), Note: "not a question"), CancellationToken.None);
        var third = await Store.OpenAsync(Item("42", T0.AddMinutes(7)), CancellationToken.None);

        AssertItem(first, again);
        Assert.Equal(first.Id, third.Id);
        // a decided item stays decided: handling the message again does not put it back in the queue
        Assert.Equal(ReviewStatus.Rejected, third.Status);
        Assert.Equal("first handling", third.Message.Text);

        // another reason, or the same message id in another chat, is another item
        var feedback = await Store.OpenAsync(Item("42", T0.AddMinutes(8), ReviewReason.Feedback), CancellationToken.None);
        var inOtherChat = Item("42", T0.AddMinutes(9));
        inOtherChat = inOtherChat with { Message = inOtherChat.Message with { Key = new MessageKey("telegram", "-100999", "42") } };
        var otherChat = await Store.OpenAsync(inOtherChat, CancellationToken.None);
        Assert.Equal(3, new[] { first.Id, feedback.Id, otherChat.Id }.Distinct().Count());
        Assert.Equal(3, (await Store.ListAsync(null, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Eight_simultaneous_openings_of_one_message_open_one_item()
    {
        // replicas (or a crash-resumed handler and the live one) opening the same question at once
        var stores = Enumerable.Range(0, 8).Select(i => i == 0 ? Store : Open()).ToList();
        for (var round = 0; round < 5; round++)
        {
            var item = Item($"race-{round}", T0.AddSeconds(round));
            var opened = await AllAtOnceAsync(stores.Count, i => stores[i].OpenAsync(item, CancellationToken.None));

            Assert.Single(opened.Select(o => o.Id).Distinct());
        }

        Assert.Equal(5, (await Store.ListAsync(null, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Items_are_listed_newest_first_pending_ones_oldest_first_filtered_by_status_and_up_to_max()
    {
        // opened out of order; b and d were created at the same instant, d opened later
        foreach (var (id, at) in new[] { ("b", T0.AddMinutes(2)), ("a", T0), ("d", T0.AddMinutes(2)), ("c", T0.AddMinutes(1)) })
        {
            await Store.OpenAsync(Item(id, at), CancellationToken.None);
        }

        var c = (await Store.ListAsync(null, 10, CancellationToken.None)).Single(i => i.Message.Key.MessageId == "c");
        await Store.DecideAsync(c.Id, new ReviewVerdict(ReviewStatus.Rejected, "alice", T0.AddMinutes(3), Note: "not a question"), CancellationToken.None);

        Assert.Equal(["d", "b", "c", "a"], await ListedAsync(null, 10));
        // the queue to work: each asked once, so what waits longest comes first (most asked first: ReviewStoreContract.Joining)
        Assert.Equal(["a", "b", "d"], await ListedAsync(ReviewStatus.Pending, 10));
        Assert.Equal(["c"], await ListedAsync(ReviewStatus.Rejected, 10));
        Assert.Equal(["d", "b"], await ListedAsync(null, 2));
        Assert.Empty(await ListedAsync(ReviewStatus.Approved, 10));
    }

    [Fact]
    public async Task The_review_chat_message_that_shows_an_item_finds_it()
    {
        var first = await Store.OpenAsync(Item("1", T0), CancellationToken.None);
        var second = await Store.OpenAsync(Item("2", T0.AddSeconds(1)), CancellationToken.None);

        await Store.SetReviewMessageAsync(first.Id, "-100777", "501", CancellationToken.None);
        await Store.SetReviewMessageAsync(second.Id, "-100777", "502", CancellationToken.None);

        Assert.Equal(first.Id, (await Store.FindByReviewMessageAsync("-100777", "501", CancellationToken.None))?.Id);
        Assert.Equal(second.Id, (await Store.FindByReviewMessageAsync("-100777", "502", CancellationToken.None))?.Id);
        Assert.Null(await Store.FindByReviewMessageAsync("-100777", "503", CancellationToken.None));
        Assert.Null(await Store.FindByReviewMessageAsync("-100888", "501", CancellationToken.None));
        AssertItem(first with { ReviewChatId = "-100777", ReviewMessageId = "501" }, await Store.GetAsync(first.Id, CancellationToken.None));
    }

    private static ReviewItem Item(string messageId, DateTimeOffset createdAt, ReviewReason reason = ReviewReason.Suggest, string? text = null) => new()
    {
        Reason = reason,
        Message = new IncomingMessage
        {
            Key = new MessageKey("telegram", "-100123", messageId),
            Text = text ?? $"question {messageId}: jraft 怎么做快照？",
            SenderId = "1001",
            SenderName = "Li Si",
            Addressing = Addressing.Mention,
            SentAt = createdAt.AddSeconds(-1),
        },
        Candidates = [Candidate("sofa-weekly-20211112:3", 0, "jraft 快照怎么配置？", "See `snapshotIntervalSecs`.", 0.61f)],
        Confidence = 0.61f,
        CreatedAt = createdAt,
    };

    private static ReviewCandidate Candidate(string pairId, int turn, string question, string answer, float score) =>
        new(pairId, turn, question, answer, "SOFAJRaft", "https://github.com/sofastack/sofa-jraft",
            "SOFA Weekly | 2021-11-12", "https://www.sofastack.tech/blog/sofa-weekly-20211112/", score);

    /// <summary>The item as stored: every field, candidates and askers included, times as instants. An item not read
    /// from the store has no askers yet: stored, its one asker is its own message, asked when it was opened.</summary>
    private static void AssertItem(ReviewItem expected, ReviewItem? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Candidates, actual.Candidates);
        if (expected.Askers.Count > 0)
        {
            Assert.Equal(expected.Askers, actual.Askers);
        }
        else
        {
            var only = Assert.Single(actual.Askers);
            Assert.Equal((expected.Message, expected.CreatedAt), (only.Message, only.AskedAt));
        }

        Assert.Equal(expected.LastAskedAt ?? expected.CreatedAt, actual.LastAskedAt);
        Assert.Equal(
            expected with { Candidates = NoCandidates, Askers = NoAskers, LastAskedAt = null },
            actual with { Candidates = NoCandidates, Askers = NoAskers, LastAskedAt = null });
    }

    private async Task<List<string>> ListedAsync(ReviewStatus? status, int max) =>
        [.. (await Store.ListAsync(status, max, CancellationToken.None)).Select(i => i.Message.Key.MessageId)];

    /// <summary>Runs <paramref name="count"/> calls at once, each starting on a thread of its own: Microsoft.Data.Sqlite
    /// runs synchronously inside its async methods, so calls queued to the thread pool would mostly run one after
    /// another and never race.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        using var start = new Barrier(count);
        var calls = Enumerable.Range(0, count)
            .Select(i => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(TimeSpan.FromSeconds(30));
                    return call(i);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap())
            .ToList();
        return await Task.WhenAll(calls);
    }
}
