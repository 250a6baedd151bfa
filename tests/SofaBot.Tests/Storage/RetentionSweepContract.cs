using SofaBot.Answering;
using SofaBot.Learning;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>What the retention sweep deletes and what it keeps, on each database by its subclass (a real file or
/// database of its own): every store and the sweep open the same database, as in one process.</summary>
public abstract class RetentionSweepContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = Now.AddDays(-30);

    private StoreDatabase? _database;

    /// <summary>This test's own file or database (<see cref="TestDatabase"/>).</summary>
    internal abstract TestDatabase Database { get; }

    /// <summary>A new connection to this test's database, as another process or replica opens it.</summary>
    internal abstract StoreDatabase OpenDatabase();

    private StoreDatabase Db => _database ?? throw new InvalidOperationException("opened in InitializeAsync");

    private StateStore State => new(Db);

    private ReviewStore Reviews => new(Db);

    private DecisionLog Decisions => new(Db);

    private RetentionSweep Sweep => new(Db);

    public async Task InitializeAsync()
    {
        await Database.CreateAsync();
        _database = OpenDatabase();
    }

    public Task DisposeAsync() => Database.DeleteAsync();

    [Fact]
    public async Task Finished_messages_older_than_the_cutoff_go_recent_and_pending_ones_stay()
    {
        // more than two batches of old ones: the sweep goes on until nothing old is left
        var old = Enumerable.Range(0, (2 * RetentionSweep.BatchSize) + 7).Select(i => Message($"old-{i}", Cutoff.AddDays(-2))).ToList();
        foreach (var (message, i) in old.Select((m, i) => (m, i)))
        {
            await State.TryReceiveAsync(message, CancellationToken.None);
            await State.FinishAsync(message.Key, (MessageOutcome)(1 + (i % 3)), "done", Cutoff.AddDays(-1), CancellationToken.None);
        }

        var pendingOld = Message("pending-old", Cutoff.AddDays(-40));
        await State.TryReceiveAsync(pendingOld, CancellationToken.None);
        var recent = Message("recent", Cutoff.AddDays(-1));
        await State.TryReceiveAsync(recent, CancellationToken.None);
        // received before the cutoff, finished after it: age counts from the finish
        await State.FinishAsync(recent.Key, MessageOutcome.Replied, "answered", Cutoff.AddHours(1), CancellationToken.None);

        Assert.Equal(old.Count, await Sweep.DeleteFinishedMessagesAsync(Cutoff, CancellationToken.None));

        Assert.Null(await State.GetStateAsync(old[0].Key, CancellationToken.None));
        Assert.Null(await State.GetStateAsync(old[^1].Key, CancellationToken.None));
        Assert.Equal(MessageOutcome.Pending, (await State.GetStateAsync(pendingOld.Key, CancellationToken.None))!.Outcome);
        Assert.Equal(MessageOutcome.Replied, (await State.GetStateAsync(recent.Key, CancellationToken.None))!.Outcome);
        // a recent message delivered again is still a redelivery
        Assert.False(await State.TryReceiveAsync(recent with { ReceivedAt = Now }, CancellationToken.None));
        // and a second sweep (another replica's) finds nothing left to delete
        Assert.Equal(0, await Sweep.DeleteFinishedMessagesAsync(Cutoff, CancellationToken.None));
    }

    [Fact]
    public async Task Decided_items_older_than_the_cutoff_go_with_what_only_they_label_and_learned_entries_stay()
    {
        var rejected = await DecidedAsync("rejected", new ReviewVerdict(ReviewStatus.Rejected, "alice", Cutoff.AddDays(-1)));
        var approved = await DecidedAsync("approved", new ReviewVerdict(ReviewStatus.Edited, "alice", Cutoff.AddDays(-1), 1, "use snapshotIntervalSecs"));
        await Reviews.MarkPostedAsync(approved.Id, Cutoff.AddDays(-1), null, CancellationToken.None);
        var unposted = await DecidedAsync("unposted", new ReviewVerdict(ReviewStatus.Approved, "bob", Cutoff.AddDays(-1), 1));
        var recent = await DecidedAsync("recent", new ReviewVerdict(ReviewStatus.Rejected, "bob", Cutoff.AddDays(1)));
        var pending = await Reviews.OpenAsync(Item("pending", Cutoff.AddDays(-90)), CancellationToken.None);
        var expired = (await Reviews.ExpireAsync(Cutoff.AddDays(-80), Cutoff.AddDays(-2), CancellationToken.None)).Single();
        Assert.Equal(pending.Id, expired.Id);
        var stillPending = await Reviews.OpenAsync(Item("still-pending", Cutoff.AddDays(-60)), CancellationToken.None);
        var learned = await Reviews.AddLearnedAsync(
            new LearnedEntry(0, LearnedKind.Pair, "", 0, "jraft 快照怎么配置？", "use snapshotIntervalSecs", "SOFAJRaft", null, "Li Si", "alice", Cutoff.AddDays(-1), approved.Id),
            CancellationToken.None);

        // decisions: one per item's message, one of a message no item was opened for (answered on its own)
        foreach (var id in new[] { "rejected", "approved", "unposted", "recent", "still-pending", "answered" })
        {
            await Decisions.AddAsync(Record(id, Cutoff.AddDays(-100)), CancellationToken.None);
        }

        await Decisions.AddAsync(Record("answered-lately", Cutoff.AddDays(1)), CancellationToken.None);
        await Reviews.RecordFeedbackAsync(new AnswerFeedback(Key("answered"), "1001", true, Cutoff.AddDays(-100)), CancellationToken.None);
        await Reviews.RecordFeedbackAsync(new AnswerFeedback(Key("answered-lately"), "1001", false, Cutoff.AddDays(-1)), CancellationToken.None);

        var removed = await Sweep.DeleteDecidedReviewItemsAsync(Cutoff, CancellationToken.None);

        Assert.Equal(new ReviewRemoval(Items: 3, Decisions: 3, Votes: 1), removed);
        var left = await Reviews.ListAsync(null, 100, CancellationToken.None);
        Assert.Equal([unposted.Id, recent.Id, stillPending.Id], left.Select(i => i.Id).Order());
        Assert.DoesNotContain(left, i => i.Id == rejected.Id || i.Id == approved.Id || i.Id == expired.Id);
        Assert.Equal(
            ["answered-lately", "recent", "still-pending", "unposted"],
            (await Decisions.ListAsync(CancellationToken.None)).Select(d => d.Question.MessageId).Order());
        Assert.Single(await Reviews.ListFeedbackAsync(Key("answered-lately"), CancellationToken.None));
        Assert.Empty(await Reviews.ListFeedbackAsync(Key("answered"), CancellationToken.None));
        // what was learned stays, still naming the item it came from (a number, not a row that must exist)
        Assert.Equal(learned, Assert.Single(await Reviews.ListLearnedAsync(CancellationToken.None)));
        // the unposted approval is still found for the next start to post (or close)
        Assert.Equal(unposted.Id, Assert.Single(await Reviews.ListUnpostedAsync(CancellationToken.None)).Id);
        // a new item gets a new id, never a deleted item's
        Assert.True((await Reviews.OpenAsync(Item("newer", Now), CancellationToken.None)).Id > stillPending.Id);
    }

    [Fact]
    public async Task Cached_vectors_of_other_models_and_of_texts_no_longer_in_use_go_used_and_fresh_ones_stay()
    {
        await State.PutAsync("text-embedding-3-small", [("used", [1f, 2f]), ("gone", [3f, 4f])], CancellationToken.None);
        await State.PutAsync("text-embedding-3-large:256", [("used", [5f])], CancellationToken.None);
        var listedAt = DateTimeOffset.UtcNow.AddSeconds(1);
        // stored after the keys were listed (a unit learned meanwhile): too fresh to judge
        await using (var connection = await Db.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"INSERT INTO embedding_cache (model, text_hash, dimensions, vector, {Db.Dialect.EmbeddingCreatedColumn}) VALUES ('text-embedding-3-small', 'learned-meanwhile', 1, @v, @at)";
            command.Add("v", new byte[4]);
            Db.Dialect.AddTime(command, "at", listedAt.AddMinutes(1));
            await command.ExecuteNonQueryAsync();
        }

        var deleted = await Sweep.DeleteUnusedEmbeddingsAsync("text-embedding-3-small", new HashSet<string> { "used" }, listedAt, CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal(["learned-meanwhile", "used"], (await State.GetAsync("text-embedding-3-small", ["used", "gone", "learned-meanwhile"], CancellationToken.None)).Keys.Order());
        var used = await State.GetAsync("text-embedding-3-small", ["used"], CancellationToken.None);
        Assert.Equal([1f, 2f], used["used"]);
        Assert.Empty(await State.GetAsync("text-embedding-3-large:256", ["used"], CancellationToken.None));
    }

    [Fact]
    public async Task Two_replicas_sweeping_at_once_delete_each_row_once()
    {
        for (var i = 0; i < 300; i++)
        {
            var message = Message($"m{i}", Cutoff.AddDays(-3));
            await State.TryReceiveAsync(message, CancellationToken.None);
            await State.FinishAsync(message.Key, MessageOutcome.Skipped, "not addressed", Cutoff.AddDays(-2), CancellationToken.None);
        }

        RetentionSweep[] replicas = [Sweep, new(OpenDatabase())];
        var deleted = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.DeleteFinishedMessagesAsync(Cutoff, CancellationToken.None))));

        Assert.Equal(300, deleted.Sum());
        Assert.Null(await State.GetStateAsync(Key("m0"), CancellationToken.None));
    }

    [Fact]
    public async Task A_decided_joined_item_goes_with_all_its_askers_and_a_pending_ones_askers_stay()
    {
        var joined = await Reviews.OpenAsync(Item("asked-1", Cutoff.AddDays(-3)), CancellationToken.None);
        await Reviews.OpenAsync(Item("asked-1", Cutoff.AddDays(-3)) with { Message = Item("asked-1", Cutoff).Message with { Key = new MessageKey("telegram", "-100456", "asked-2") } }, CancellationToken.None);
        await Reviews.DecideAsync(joined.Id, new ReviewVerdict(ReviewStatus.Rejected, "alice", Cutoff.AddDays(-2)), CancellationToken.None);
        var pending = await Reviews.OpenAsync(Item("pending-1", Cutoff.AddDays(-3)), CancellationToken.None);
        await Reviews.OpenAsync(Item("pending-1", Cutoff.AddDays(-3)) with { Message = Item("pending-1", Cutoff).Message with { Key = new MessageKey("telegram", "-100456", "pending-2") } }, CancellationToken.None);

        Assert.Equal(1, (await Sweep.DeleteDecidedReviewItemsAsync(Cutoff, CancellationToken.None)).Items);

        Assert.Equal(2, await CountAsync("SELECT count(*) FROM review_askers"));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM review_askers WHERE item_id = {joined.Id}"));
        Assert.Equal(2, (await Reviews.GetAsync(pending.Id, CancellationToken.None))!.AskedCount);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<ReviewItem> DecidedAsync(string messageId, ReviewVerdict verdict)
    {
        var item = await Reviews.OpenAsync(Item(messageId, verdict.At.AddHours(-1)), CancellationToken.None);
        var (outcome, decided) = await Reviews.DecideAsync(item.Id, verdict, CancellationToken.None);
        Assert.Equal(DecideOutcome.Decided, outcome);
        return decided!;
    }

    private static MessageKey Key(string messageId) => new("telegram", "-100123", messageId);

    private static ReceivedMessage Message(string id, DateTimeOffset at) => new(Key(id), """{"text":"jraft 怎么做快照？"}""", at);

    private static ReviewItem Item(string messageId, DateTimeOffset createdAt) => new()
    {
        Reason = ReviewReason.Suggest,
        Message = new IncomingMessage
        {
            Key = Key(messageId),
            Text = $"question {messageId}: jraft 怎么做快照？",
            SenderId = "1001",
            SenderName = "Li Si",
            Addressing = Addressing.Mention,
            SentAt = createdAt.AddSeconds(-1),
        },
        Candidates = [new("sofa-weekly-20211112:3", 0, "jraft 快照怎么配置？", "See `snapshotIntervalSecs`.", "SOFAJRaft", "https://github.com/sofastack/sofa-jraft", "SOFA Weekly | 2021-11-12", "https://www.sofastack.tech/blog/sofa-weekly-20211112/", 0.61f)],
        Confidence = 0.61f,
        CreatedAt = createdAt,
    };

    private static DecisionRecord Record(string messageId, DateTimeOffset at) => new()
    {
        Question = Key(messageId),
        QuestionText = "jraft 怎么做快照？",
        Kind = DecisionKind.Suggest,
        Shown = [new("sofa-weekly-20211112:3", 0)],
        Top = new("sofa-weekly-20211112:3", 0),
        Features = new Dictionary<string, float> { ["Margin"] = 0.5f },
        Confidence = 0.61f,
        At = at,
    };
}

/// <summary>The retention sweep on a real SQLite file.</summary>
public sealed class SqliteRetentionSweepTests : RetentionSweepContract
{
    private readonly SqliteTestDatabase _database = new();

    internal override TestDatabase Database => _database;

    internal override StoreDatabase OpenDatabase() => _database.Open();
}

/// <summary>The retention sweep on a real PostgreSQL server, each test in a database of its own.</summary>
[Collection(Fixtures.PostgresTestGroup.Name)]
public sealed class PostgresRetentionSweepTests(Fixtures.PostgresFixture postgres) : RetentionSweepContract
{
    private readonly PostgresTestDatabase _database = new(postgres);

    internal override TestDatabase Database => _database;

    internal override StoreDatabase OpenDatabase() => _database.Open();
}
