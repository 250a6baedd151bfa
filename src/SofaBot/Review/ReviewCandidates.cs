using System.Globalization;
using SofaBot.Corpus;
using SofaBot.Learning;
using SofaBot.Messaging;
using SofaBot.Retrieval;

namespace SofaBot.Review;

/// <summary>Retrieved candidates as a review item keeps them: a snapshot the page shows without the index.</summary>
internal static class ReviewCandidates
{
    /// <summary>Candidates an item offers (the Telegram buttons send #1 to #3).</summary>
    public const int Max = 3;

    /// <summary>The first candidates; the retriever already gives one per pair and per republished copy.</summary>
    public static IReadOnlyList<ReviewCandidate> From(IEnumerable<Candidate> candidates) =>
        candidates.Take(Max).Select(From).ToList();

    public static ReviewCandidate From(Candidate candidate)
    {
        var pair = candidate.Pair;
        var turn = pair.Turns[candidate.Turn];
        return new ReviewCandidate(
            pair.Id,
            candidate.Turn,
            ReplyWording.PriorQuestion(pair, candidate.Turn),
            turn.Answer.Trim(),
            pair.Project.Name,
            pair.Project.Url,
            Source(pair.Weekly),
            pair.Weekly.SourceUrl,
            candidate.Score);
    }

    /// <summary>Where an answer comes from, in one line: the weekly's title and date, or the maintainers' review.</summary>
    public static string Source(Weekly weekly)
    {
        var date = weekly.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = LearnedPairs.IsLearned(weekly) ? "SofaBot 维护者审核 (reviewed by maintainers)" : weekly.Title;
        return date is null ? title : $"{title} ({date})";
    }
}
