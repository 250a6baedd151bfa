using SofaBot.Answering;
using SofaBot.Learning;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>What a running bot leaves in its database: messages finished and pending, a cursor, cached embeddings,
/// review items pending and decided (with candidates and decision reasons), learned entries, feedback and decisions.
/// <see cref="WriteAsync"/> writes it through the stores' interfaces only, so the same file compiles against the release
/// of commit 154cdf2, which wrote the upgrade fixtures with it (TestData/storage/regenerate.sh), and against this one,
/// whose <see cref="AssertKeptAsync"/> reads every row back.</summary>
internal static class ReleaseData
{
    // whole milliseconds and a non-UTC offset, as in the contract tests: both releases keep instants
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 21, 30, 0, 125, TimeSpan.FromHours(8));

    public const string Model = "text-embedding-3-small";

    public const string Cursor = "telegram:offset";

    public const long CursorValue = 987_654_321_012;

    public static readonly (string Key, float[] Vector)[] Embeddings =
    [
        ("3f1c0a9e", [0.25f, -1.5f, 3.0e-8f, float.MaxValue]),
        ("b77d2e41", [1f, 0f, -0f, 0.1f]),
    ];

    public static readonly ReceivedMessage Replied = Message("101", T0, """{"text":"jraft 快照怎么配置？"}""");
    public static readonly ReceivedMessage Skipped = Message("102", T0.AddSeconds(30), """{"text":"谢谢 🙏"}""");
    public static readonly ReceivedMessage PendingFirst = Message("103", T0.AddMinutes(1), """{"text":"seata 支持 PostgreSQL 吗？"}""");
    public static readonly ReceivedMessage PendingSecond = Message("104", T0.AddMinutes(2), """{"text":"sofarpc 的超时怎么设"}""");

    /// <summary>The review items in the order they were opened (ids 1..5 in a fresh database).</summary>
    public static readonly ReviewItem[] Opened =
    [
        Item("201", T0.AddMinutes(3), ReviewReason.Suggest, "match (0.61) below the answer bar 0.72"),
        Item("202", T0.AddMinutes(4), ReviewReason.NoAnswer, null),
        Item("203", T0.AddMinutes(5), ReviewReason.Suggest, "another project named: \"seata\""),
        Item("204", T0.AddMinutes(6), ReviewReason.Suggest, "match (0.70) held back"),
        Item("205", T0.AddMinutes(7), ReviewReason.NoAnswer, "nothing close enough (confidence 0.30 < 0.45)"),
    ];

    public static readonly LearnedEntry[] Learned =
    [
        new(0, LearnedKind.AlternateQuestion, "sofa-weekly-20211112:3", 0, "jraft 的快照间隔怎么改", null, null, null, "Li Si", "alice", T0.AddMinutes(10), 2),
        new(0, LearnedKind.Pair, "pending", 0, "seata AT 模式要 undo_log 吗", "要，每个业务库都要建 `undo_log` 表。", "Seata", "https://github.com/apache/incubator-seata", "王五", "bob", T0.AddMinutes(11), 4),
    ];

    public static readonly AnswerFeedback[] Feedback =
    [
        new(Replied.Key, "alice", true, T0.AddSeconds(5)),
        new(Replied.Key, "bob", false, T0.AddSeconds(6)),
    ];

    public static readonly DecisionRecord[] Decisions =
    [
        new()
        {
            Question = Replied.Key,
            QuestionText = "jraft 快照怎么配置？",
            BotMessageId = "9001",
            Kind = DecisionKind.Answer,
            Answered = true,
            Shown = [new("sofa-weekly-20211112:3", 0), new("sofa-weekly-20211112:4", 1)],
            Top = new("sofa-weekly-20211112:3", 0),
            Features = new Dictionary<string, float> { ["Margin"] = 0.5f, ["Coverage"] = 0.875f },
            Confidence = 0.8125f,
            MayAnswer = true,
            At = T0.AddSeconds(2),
        },
        new()
        {
            Question = PendingFirst.Key,
            QuestionText = "seata 支持 PostgreSQL 吗？",
            Kind = DecisionKind.Suggest,
            Confidence = 0.5f,
            At = T0.AddMinutes(1),
        },
    ];

    /// <summary>Writes everything, as the bot would have over its life.</summary>
    public static async Task WriteAsync(IStateStore state, IReviewStore reviews, IDecisionLog decisions)
    {
        var none = CancellationToken.None;
        foreach (var message in new[] { Replied, Skipped, PendingFirst, PendingSecond })
        {
            await state.TryReceiveAsync(message, none);
        }

        await state.FinishAsync(Replied.Key, MessageOutcome.Replied, "answered from sofa-weekly-20211112:3", T0.AddSeconds(2), none);
        await state.FinishAsync(Skipped.Key, MessageOutcome.Skipped, "small talk", T0.AddSeconds(31), none);
        await state.SetCursorAsync(Cursor, CursorValue, none);
        await state.PutAsync(Model, Embeddings, none);

        foreach (var item in Opened)
        {
            await reviews.OpenAsync(item, none);
        }

        foreach (var (id, verdict) in Verdicts)
        {
            await reviews.DecideAsync(id, verdict, none);
        }

        await reviews.SetReviewMessageAsync(2, "-100777", "55", none);
        await reviews.MarkPostedAsync(2, T0.AddMinutes(12), null, none);
        await reviews.MarkPostedAsync(4, T0.AddMinutes(13), "Forbidden: bot was kicked from the group chat", none);
        foreach (var entry in Learned)
        {
            await reviews.AddLearnedAsync(entry, none);
        }

        foreach (var feedback in Feedback)
        {
            await reviews.RecordFeedbackAsync(feedback, none);
        }

        foreach (var decision in Decisions)
        {
            await decisions.AddAsync(decision, none);
        }
    }

    /// <summary>Every row written by <see cref="WriteAsync"/> reads back through the interfaces, pending messages are
    /// still claimable, and new rows get ids after the old ones.</summary>
    public static async Task AssertKeptAsync(IStateStore state, IReviewStore reviews, IDecisionLog decisions)
    {
        var none = CancellationToken.None;
        Assert.Equal(new MessageState(MessageOutcome.Replied, "answered from sofa-weekly-20211112:3", T0, T0.AddSeconds(2)), await state.GetStateAsync(Replied.Key, none));
        Assert.Equal(new MessageState(MessageOutcome.Skipped, "small talk", T0.AddSeconds(30), T0.AddSeconds(31)), await state.GetStateAsync(Skipped.Key, none));
        Assert.Equal(new MessageState(MessageOutcome.Pending, null, T0.AddMinutes(1), null), await state.GetStateAsync(PendingFirst.Key, none));
        Assert.Equal(Replied, await state.GetReceivedAsync(Replied.Key, none));
        Assert.Equal(CursorValue, await state.GetCursorAsync(Cursor, none));
        var vectors = await state.GetAsync(Model, [.. Embeddings.Select(e => e.Key)], none);
        Assert.All(Embeddings, e => Assert.Equal(e.Vector, vectors[e.Key]));

        // a restarted bot resumes the messages the old release left unfinished
        Assert.Equal([PendingFirst, PendingSecond], await state.ClaimUnfinishedAsync(T0.AddHours(1), T0.AddHours(1), 10, none));
        Assert.False(await state.TryReceiveAsync(Replied, none));

        var items = (await reviews.ListAsync(null, 10, none)).OrderBy(i => i.Id).ToList();
        Assert.Equal(Expected.Select(i => i.Id), items.Select(i => i.Id));
        foreach (var (expected, actual) in Expected.Zip(items))
        {
            Assert.Equal(expected.Candidates, actual.Candidates);
            Assert.Equal(
                expected with { Candidates = [], Askers = [], LastAskedAt = null },
                actual with { Candidates = [], Askers = [], LastAskedAt = null });

            // the release before askers: each item was asked once, by its own message, and waits since it was opened
            Assert.Equal(1, actual.AskedCount);
            var asker = Assert.Single(actual.Askers);
            Assert.Equal((expected.Message, expected.CreatedAt, expected.PostedAt, expected.PostError), (asker.Message, asker.AskedAt, asker.PostedAt, asker.PostError));
            Assert.Equal(expected.CreatedAt, actual.LastAskedAt);
        }

        Assert.Equal(2, (await reviews.FindByReviewMessageAsync("-100777", "55", none))?.Id);
        Assert.Equal([3L], (await reviews.ListRejectedAsync("telegram", "-100123", T0, none)).Select(i => i.Id));
        Assert.Empty(await reviews.ListUnpostedAsync(none));

        var learned = await reviews.ListLearnedAsync(none);
        Assert.Equal([Learned[0] with { Id = 1 }, Learned[1] with { Id = 2, PairId = LearnedPairs.IdFor(2) }], learned);
        Assert.Equal(Feedback, await reviews.ListFeedbackAsync(Replied.Key, none));

        var logged = await decisions.ListAsync(none);
        Assert.Equal([1L, 2L], logged.Select(d => d.Id));
        foreach (var (expected, actual) in Decisions.Zip(logged))
        {
            Assert.Equal(
                (expected.Question, expected.QuestionText, expected.BotMessageId, expected.Kind, expected.Answered, expected.Top, expected.Confidence, expected.MayAnswer, expected.At),
                (actual.Question, actual.QuestionText, actual.BotMessageId, actual.Kind, actual.Answered, actual.Top, actual.Confidence, actual.MayAnswer, actual.At));
            Assert.Equal(expected.Shown, actual.Shown);
            Assert.Equal(expected.Features.OrderBy(f => f.Key), actual.Features.OrderBy(f => f.Key));
        }

        Assert.Equal(1, (await decisions.FindByBotMessageAsync("telegram", "-100123", "9001", none))?.Id);

        // the identities carry on after the old rows: nothing new overwrites or collides with them
        var opened = await reviews.OpenAsync(Item("206", T0.AddMinutes(20), ReviewReason.Suggest, "new"), none);
        Assert.Equal(6, opened.Id);
        Assert.Equal(3, (await reviews.AddLearnedAsync(Learned[1], none)).Id);
        Assert.Equal(3, (await decisions.AddAsync(Decisions[1], none)).Id);
    }

    private static readonly (long Id, ReviewVerdict Verdict)[] Verdicts =
    [
        (2, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(10), Chosen: 1)),
        (3, new ReviewVerdict(ReviewStatus.Rejected, "bob", T0.AddMinutes(10), Note: "不是问题 (not a question)")),
        (4, new ReviewVerdict(ReviewStatus.Edited, "王五", T0.AddMinutes(11), Answer: "要，每个业务库都要建 `undo_log` 表。")),
    ];

    /// <summary>The items as <see cref="WriteAsync"/> leaves them.</summary>
    private static IEnumerable<ReviewItem> Expected => Opened.Select((item, i) => (i + 1) switch
    {
        2 => item with { Id = 2, Status = ReviewStatus.Approved, DecidedBy = "alice", DecidedAt = T0.AddMinutes(10), Chosen = 1, ReviewChatId = "-100777", ReviewMessageId = "55", PostedAt = T0.AddMinutes(12) },
        3 => item with { Id = 3, Status = ReviewStatus.Rejected, DecidedBy = "bob", DecidedAt = T0.AddMinutes(10), Note = "不是问题 (not a question)" },
        4 => item with { Id = 4, Status = ReviewStatus.Edited, DecidedBy = "王五", DecidedAt = T0.AddMinutes(11), Answer = "要，每个业务库都要建 `undo_log` 表。", PostedAt = T0.AddMinutes(13), PostError = "Forbidden: bot was kicked from the group chat" },
        var id => item with { Id = id },
    });

    private static ReceivedMessage Message(string id, DateTimeOffset at, string payload) => new(new MessageKey("telegram", "-100123", id), payload, at);

    private static ReviewItem Item(string messageId, DateTimeOffset createdAt, ReviewReason reason, string? decisionReason) => new()
    {
        Reason = reason,
        Message = new IncomingMessage
        {
            Key = new MessageKey("telegram", "-100123", messageId),
            Text = $"question {messageId}: jraft 怎么做快照？ 🛋️",
            SenderId = "1001",
            SenderName = "Li Si",
            ChatTitle = "SOFAStack 用户群",
            Addressing = Addressing.Mention,
            SentAt = createdAt.AddSeconds(-1),
            Route = new ReplyRoute(ThreadId: "17", SessionWebhook: null, SessionWebhookExpiresAt: null),
        },
        Candidates = reason == ReviewReason.NoAnswer ? [] :
        [
            new("sofa-weekly-20211112:3", 0, "jraft 快照怎么配置？", "See `snapshotIntervalSecs`.", "SOFAJRaft", "https://github.com/sofastack/sofa-jraft",
                "SOFA Weekly | 2021-11-12", "https://www.sofastack.tech/blog/sofa-weekly-20211112/", 0.61f),
            new("sofa-weekly-20220304:1", 1, "Does the AT mode need undo_log?", "Yes.", "Seata", "https://github.com/apache/incubator-seata",
                "SOFA Weekly | 2022-03-04", "https://www.sofastack.tech/blog/sofa-weekly-20220304/", 0.5f),
        ],
        Confidence = reason == ReviewReason.NoAnswer ? 0.3f : 0.61f,
        DecisionReason = decisionReason,
        CreatedAt = createdAt,
    };
}
