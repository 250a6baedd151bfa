using SofaBot.Learning;
using SofaBot.Storage;

namespace SofaBot.Review;

/// <summary>The review queue, feedback and what was learned, in the state store's database (SQLite or PostgreSQL,
/// the same contract tests). Times come back as UTC instants to the microsecond, like <see cref="IStateStore"/>.</summary>
internal interface IReviewStore
{
    /// <summary>Opens the item, or returns the one already open for the same message and reason (a message handled
    /// again after a crash opens no second item, nor counts twice). A question (<see cref="SameQuestion.Key"/>) asked
    /// for the same reason while an item for it is pending joins that item instead: one more asker, one more in
    /// <see cref="ReviewItem.AskedCount"/>, and the pending item is returned. Of concurrent openings of one question
    /// (replicas, parallel handlers) one opens the item and the others join it. The returned item has its id.</summary>
    Task<ReviewItem> OpenAsync(ReviewItem item, CancellationToken cancellationToken);

    Task<ReviewItem?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Items with the status (all when null), newest first; pending items most asked first, then oldest
    /// first (what is waiting for the most people, the longest).</summary>
    Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewStatus? status, int max, CancellationToken cancellationToken);

    /// <summary>Items opened, asked again or decided at <paramref name="since"/> or later, whatever their status, oldest
    /// first, each with its first <see cref="ReviewItem.ListedAskers"/> askers: the period of a weekly digest.</summary>
    Task<IReadOnlyList<ReviewItem>> ListActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The item shown by a message of the Telegram review chat.</summary>
    Task<ReviewItem?> FindByReviewMessageAsync(string chatId, string messageId, CancellationToken cancellationToken);

    /// <summary>Remembers which review-chat message shows the item.</summary>
    Task SetReviewMessageAsync(long id, string chatId, string messageId, CancellationToken cancellationToken);

    /// <summary>Keeps the draft a model wrote for a pending item: true when stored, false when the item is decided, gone,
    /// or already has a draft (the first one stays).</summary>
    Task<bool> SetDraftAsync(long id, ReviewDraft draft, CancellationToken cancellationToken);

    /// <summary>Claims the posting of a pending item to the review chat for <paramref name="holder"/>: true when the
    /// item has no review message yet and no other holder claimed it after <paramref name="staleBefore"/> (a replica
    /// that died mid-post). Replicas that would post the same item at once (one opening it, another catching up at
    /// start) post it once.</summary>
    Task<bool> TryClaimReviewPostAsync(long id, string holder, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>Gives a claim up when the post failed, so the next catch-up tries again at once.</summary>
    Task ReleaseReviewPostAsync(long id, string holder, CancellationToken cancellationToken);

    /// <summary>Decides a pending item, atomically: of two concurrent decisions (two maintainers, two replicas, a
    /// button pressed twice) exactly one gets <see cref="DecideOutcome.Decided"/>. The item is returned as it is
    /// after the call (null when not found).</summary>
    Task<(DecideOutcome Outcome, ReviewItem? Item)> DecideAsync(long id, ReviewVerdict verdict, CancellationToken cancellationToken);

    /// <summary>The items asked in one chat (by any of their askers) that maintainers rejected (including "not a
    /// question") since the time, newest first: their verdicts hold for the same question asked again there.</summary>
    Task<IReadOnlyList<ReviewItem>> ListRejectedAsync(string channel, string chatId, DateTimeOffset decidedSince, CancellationToken cancellationToken);

    /// <summary>Claims the posting of a decided answer to one asker for <paramref name="holder"/>: true when that
    /// asker has not been posted to and no other holder claimed it after <paramref name="staleBefore"/>. Two replicas
    /// (one approving, one resuming at start) post to each asker once.</summary>
    Task<bool> TryClaimAskerPostAsync(long askerId, string holder, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>Records that the answer was posted to one asker (error null), or could not be (error set).</summary>
    Task MarkAskerPostedAsync(long askerId, DateTimeOffset at, string? error, CancellationToken cancellationToken);

    /// <summary>Records that posting the decided answer is over for the item: posted (error null) or not to every
    /// asker (error set).</summary>
    Task MarkPostedAsync(long id, DateTimeOffset at, string? error, CancellationToken cancellationToken);

    /// <summary>Approved or edited items whose answer was never posted nor failed (a crash between the decision and
    /// the post), oldest first.</summary>
    Task<IReadOnlyList<ReviewItem>> ListUnpostedAsync(CancellationToken cancellationToken);

    /// <summary>Marks pending items last asked before <paramref name="askedBefore"/> as expired and returns them.</summary>
    Task<IReadOnlyList<ReviewItem>> ExpireAsync(DateTimeOffset askedBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records feedback; a second press by the same user on the same answer replaces the first.</summary>
    Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken);

    Task<IReadOnlyList<AnswerFeedback>> ListFeedbackAsync(MessageKey question, CancellationToken cancellationToken);

    /// <summary>Stores a learned entry and returns it with its id (and, for a new pair, its pair id).</summary>
    Task<LearnedEntry> AddLearnedAsync(LearnedEntry entry, CancellationToken cancellationToken);

    /// <summary>Everything learned, oldest first.</summary>
    Task<IReadOnlyList<LearnedEntry>> ListLearnedAsync(CancellationToken cancellationToken);
}
