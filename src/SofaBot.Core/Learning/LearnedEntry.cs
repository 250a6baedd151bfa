namespace SofaBot.Learning;

/// <summary>What maintainers taught the bot by reviewing.</summary>
public enum LearnedKind
{
    /// <summary>An asker's wording of a question a pair already answers (a candidate was approved as it was).</summary>
    AlternateQuestion,

    /// <summary>A new Q&amp;A: an edited candidate's answer, or an answer a maintainer wrote.</summary>
    Pair,
}

/// <summary>One thing learned from a review, as the state store keeps it and the live index applies it.</summary>
/// <param name="Id">The store's id (0 before it is stored).</param>
/// <param name="Kind">An alternate question for a pair, or a new pair.</param>
/// <param name="PairId">For an alternate question: the pair it is another wording of. For a new pair: its own id,
/// <c>sofabot-learned:&lt;Id&gt;</c> (see <see cref="LearnedPairs.IdFor"/>).</param>
/// <param name="Turn">For an alternate question: the turn of the pair whose answer it gets (0 = the first).</param>
/// <param name="Question">The asker's wording, as they wrote it.</param>
/// <param name="Answer">For a new pair: the approved answer (Markdown). Null for an alternate question.</param>
/// <param name="ProjectName">For a new pair: its project (from the project map), for example <c>SOFAJRaft</c>.</param>
/// <param name="ProjectUrl">For a new pair: the project's GitHub repository.</param>
/// <param name="Asker">Who asked, as the chat named them.</param>
/// <param name="ApprovedBy">The maintainer who approved it.</param>
/// <param name="ApprovedAt">When.</param>
/// <param name="ReviewItemId">The review item it came from.</param>
public sealed record LearnedEntry(
    long Id,
    LearnedKind Kind,
    string PairId,
    int Turn,
    string Question,
    string? Answer,
    string? ProjectName,
    string? ProjectUrl,
    string? Asker,
    string ApprovedBy,
    DateTimeOffset ApprovedAt,
    long? ReviewItemId);
