using SofaBot.Retrieval;

namespace SofaBot.Review;

/// <summary>Whether a review item's candidate is still in the corpus as the item shows it. Items outlive the corpus
/// they were opened on: after the corpus changes a pair may be gone, or its id may now name other text. Sending such
/// a candidate as it is would send something the maintainer never read.</summary>
internal sealed class CorpusCheck(KnowledgeIndex index)
{
    /// <summary>Null when the candidate is in the corpus as shown; otherwise what changed.</summary>
    public string? Changed(ReviewCandidate candidate)
    {
        if (index.FindPair(candidate.PairId) is not { } pair)
        {
            return $"pair {candidate.PairId} is no longer in the corpus";
        }

        var same = candidate.Turn < pair.Turns.Count
            && Messaging.ReplyWording.PriorQuestion(pair, candidate.Turn) == candidate.Question
            && pair.Turns[candidate.Turn].Answer.Trim() == candidate.Answer;
        return same ? null : $"pair {candidate.PairId} reads differently in the corpus now";
    }

    public bool InCorpus(ReviewCandidate candidate) => Changed(candidate) is null;
}
