namespace SofaBot.Review;

/// <summary>How a maintainer's action on an item ended, for the page, the API and the Telegram buttons alike.</summary>
internal enum ReviewResultKind
{
    /// <summary>Decided (and, when approved, posted or queued to be posted).</summary>
    Done,

    /// <summary>No item has that id.</summary>
    NotFound,

    /// <summary>Someone decided first, or the item expired; nothing was posted.</summary>
    AlreadyDecided,

    /// <summary>The action itself is wrong (no such candidate, an empty or over-long answer); nothing changed.</summary>
    Invalid,
}

/// <param name="Kind">How it ended.</param>
/// <param name="Item">The item as it is now (null when not found).</param>
/// <param name="Message">What to tell the maintainer, in plain words.</param>
internal sealed record ReviewResult(ReviewResultKind Kind, ReviewItem? Item, string Message);

/// <summary>What became of feedback on an answer.</summary>
/// <param name="Known">The question was received here (false: forged or unknown data; nothing recorded).</param>
/// <param name="Opened">The review item a 👎 opened, or found already open.</param>
internal sealed record FeedbackResult(bool Known, ReviewItem? Opened);

/// <summary>What a maintainer approved: candidate k (1-based) as it is, a candidate with its answer edited (both), a
/// new answer (text only), or the item's draft as it is (<paramref name="Draft"/>, nothing else).</summary>
internal sealed record ReviewApproval(int? Candidate, string? Text, bool Draft = false);
