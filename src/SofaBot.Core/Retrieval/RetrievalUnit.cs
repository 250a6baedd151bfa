using SofaBot.Corpus;

namespace SofaBot.Retrieval;

/// <summary>What the index retrieves: one question turn of a pair (first question or follow-up), with the
/// answer that followed it, pointing back to its pair. A unit may instead stand for another wording of that turn's
/// question (an asker's words a maintainer approved): it is indexed by that wording, and found, it is the pair.</summary>
/// <param name="Id">Position in the index; units are only ever added, so ids never change.</param>
/// <param name="Pair">The pair the turn belongs to.</param>
/// <param name="Turn">0 for the first question, 1.. for follow-ups.</param>
/// <param name="RepublishKey">The pair's <see cref="QaPair.RepublishKey"/>, worked out once per pair.</param>
/// <param name="AlternateQuestion">The wording the unit is indexed by instead of the turn's own question, if any.</param>
public sealed record RetrievalUnit(int Id, QaPair Pair, int Turn, string RepublishKey, string? AlternateQuestion = null)
{
    public QaTurn Content => Pair.Turns[Turn];

    /// <summary>True for a unit indexed by another wording of its turn's question.</summary>
    public bool IsAlternate => AlternateQuestion is not null;
}
