using SofaBot.Storage;

namespace SofaBot.Review;

/// <summary>Whether the bot's best match for a message was right, as maintainers and askers said (what
/// <c>calibrate</c> learns from). A maintainer's decision outranks askers' votes; the newest decision counts.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>candidate k sent, as it was or edited: right when candidate k is the bot's best match (candidate 1 of an
/// item opened from the decision), wrong otherwise;</item>
/// <item>a new answer written, rejected, "not a question": wrong;</item>
/// <item>no maintainer decision (pending, expired): the votes on the answer decide: more 👍 than 👎 right, more 👎
/// than 👍 wrong, a tie or none: no label.</item>
/// </list>
/// </remarks>
internal static class DecisionLabels
{
    /// <summary>Right (true), wrong (false), or unknown (null).</summary>
    /// <param name="decision">The bot's decision on the message.</param>
    /// <param name="items">The review items opened for the same message.</param>
    /// <param name="votes">The 👍/👎 on the answer to it.</param>
    public static bool? Of(DecisionRecord decision, IEnumerable<ReviewItem> items, IEnumerable<AnswerFeedback> votes)
    {
        var decided = items
            .Where(i => i.Status is ReviewStatus.Approved or ReviewStatus.Edited or ReviewStatus.Rejected)
            .OrderByDescending(i => i.DecidedAt)
            .FirstOrDefault();
        if (decided is not null)
        {
            return decided is { Status: ReviewStatus.Approved or ReviewStatus.Edited, Chosen: { } k }
                && k >= 1 && k <= decided.Candidates.Count
                && decision.Top is { } top
                && string.Equals(decided.Candidates[k - 1].PairId, top.PairId, StringComparison.OrdinalIgnoreCase);
        }

        var (up, down) = (votes.Count(v => v.Helpful), votes.Count(v => !v.Helpful));
        return up == down ? null : up > down;
    }
}
