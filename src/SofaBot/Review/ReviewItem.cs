using SofaBot.Messaging;

namespace SofaBot.Review;

/// <summary>Why a review item was opened.</summary>
internal enum ReviewReason
{
    /// <summary>A plausible but uncertain match (mentioned, or unmentioned with proactive answers on).</summary>
    Suggest,

    /// <summary>The bot was asked and found nothing confident.</summary>
    NoAnswer,

    /// <summary>Someone pressed 👎 on an automatic answer.</summary>
    Feedback,
}

/// <summary>Where a review item stands.</summary>
internal enum ReviewStatus
{
    Pending,

    /// <summary>A candidate was sent as it was.</summary>
    Approved,

    /// <summary>An edited or newly written answer was sent.</summary>
    Edited,

    /// <summary>Nothing was sent (wrong candidates, not a question: the note says which).</summary>
    Rejected,

    /// <summary>Nobody decided in time; nothing is sent into a conversation that has moved on.</summary>
    Expired,
}

/// <summary>A question waiting for (or decided by) a maintainer: the original message, the top candidates, and the
/// decision.</summary>
internal sealed record ReviewItem
{
    /// <summary>How many askers an item listed or just opened comes with.</summary>
    public const int ListedAskers = 100;

    public long Id { get; init; }

    public required ReviewReason Reason { get; init; }

    /// <summary>The original message: its key (channel, chat, message id), text, asker, time and reply route.</summary>
    public required IncomingMessage Message { get; init; }

    /// <summary>The closest prior pairs when the item was opened, best first.</summary>
    public required IReadOnlyList<ReviewCandidate> Candidates { get; init; }

    /// <summary>The bot's confidence in the first candidate (0–1).</summary>
    public float Confidence { get; init; }

    /// <summary>Why the bot did not answer on its own, as it stated it ("match (0.83) held back: the weeklies never
    /// mention …", "plausible match: confidence 0.74 &lt; 0.82, decisive margin 13% &lt; 25%"); null on items an
    /// earlier release opened.</summary>
    public string? DecisionReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ReviewStatus Status { get; init; } = ReviewStatus.Pending;

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Approved: the 1-based candidate sent.</summary>
    public int? Chosen { get; init; }

    /// <summary>Edited: the answer a maintainer wrote or edited (Markdown).</summary>
    public string? Answer { get; init; }

    /// <summary>Rejected or expired: why (for example "not a question").</summary>
    public string? Note { get; init; }

    /// <summary>The Telegram review chat's message that shows this item, once posted there.</summary>
    public string? ReviewChatId { get; init; }

    public string? ReviewMessageId { get; init; }

    /// <summary>When the approved answer was posted in the original chat; null while it still has to be.</summary>
    public DateTimeOffset? PostedAt { get; init; }

    /// <summary>Why posting failed, if it did.</summary>
    public string? PostError { get; init; }

    /// <summary>How many messages asked this question while the item was pending: the original and each one that
    /// joined it (1 on items of earlier releases).</summary>
    public int AskedCount { get; init; } = 1;

    /// <summary>When the question was last asked (the latest joined message, else <see cref="CreatedAt"/>): an item
    /// that is still being asked does not expire.</summary>
    public DateTimeOffset? LastAskedAt { get; init; }

    /// <summary>The messages that asked, the original first, each with whether the answer reached it: all of them on
    /// an item read by id or decided, the first <see cref="ListedAskers"/> on one listed or just opened (a flooded
    /// question must not make every opening read thousands of askers). Empty on an item not read from the store.</summary>
    public IReadOnlyList<ReviewAsker> Askers { get; init; } = [];

    /// <summary>In how many chats the askers asked (exact, whatever <see cref="Askers"/> holds).</summary>
    public int ChatCount { get; init; } = 1;

    /// <summary>The answer a model drafted for the maintainers from the question and the candidates (issue 14); null
    /// when none was written (no assistant configured, the model failed, or it is still being written).</summary>
    public ReviewDraft? Draft { get; init; }

    public bool IsDecided => Status != ReviewStatus.Pending;

    /// <summary>Since when the item is waiting for the latest asker, for expiry.</summary>
    public DateTimeOffset WaitingSince => LastAskedAt ?? CreatedAt;
}

/// <summary>A prior pair as the maintainer sees it on the item: enough to judge and to send it without the index.</summary>
/// <param name="PairId">The pair (<see cref="Corpus.QaPair.Id"/>; learned pairs included).</param>
/// <param name="Turn">Which turn of the pair matched (its answer is the one shown).</param>
/// <param name="Question">The prior question of that turn.</param>
/// <param name="Answer">Its answer (Markdown).</param>
/// <param name="Project">The project's name.</param>
/// <param name="Link">The project's GitHub link.</param>
/// <param name="Source">Where it was answered (the weekly's title and date).</param>
/// <param name="SourceUrl">The weekly's URL (empty for learned pairs).</param>
/// <param name="Score">The retrieval score that ranked it.</param>
internal sealed record ReviewCandidate(string PairId, int Turn, string Question, string Answer, string Project, string Link, string Source, string SourceUrl, float Score);

/// <summary>A draft answer for the maintainers, never posted without one of them.</summary>
/// <param name="Text">The answer (Markdown), links other than the candidates' already removed.</param>
/// <param name="Model">The model that wrote it.</param>
/// <param name="Candidate">The 1-based candidate it draws on, as the model said.</param>
internal sealed record ReviewDraft(string Text, string Model, DateTimeOffset CreatedAt, int Candidate);

/// <summary>A maintainer's decision, as the store records it.</summary>
internal sealed record ReviewVerdict(ReviewStatus Status, string By, DateTimeOffset At, int? Chosen = null, string? Answer = null, string? Note = null);

/// <summary>What happened to an attempt to decide an item.</summary>
internal enum DecideOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
}

/// <summary>Feedback on an automatic answer.</summary>
/// <param name="Question">The question the answer replied to.</param>
/// <param name="UserId">Who pressed the button.</param>
/// <param name="Helpful">👍 (true) or 👎 (false).</param>
internal sealed record AnswerFeedback(Storage.MessageKey Question, string UserId, bool Helpful, DateTimeOffset At);
