using SofaBot.Retrieval.Lexical;
using SofaBot.Retrieval.Units;

namespace SofaBot.Retrieval;

/// <summary>Turns the two rankings of units into candidates: a pool of the lexical hits (with their cosines) and
/// the vector hits the words missed, scored by the fused score, then collapsed to one candidate per pair (through its
/// best turn) and per republished copy (the same question printed in a later weekly).</summary>
internal static class CandidateFusion
{
    /// <param name="lexical">The best lexical hits, best first.</param>
    /// <param name="allLexical">Every unit's lexical score, for vector hits outside <paramref name="lexical"/>.</param>
    /// <param name="cosines">The cosine of each of <paramref name="lexical"/> (empty without vectors).</param>
    /// <param name="vectorHits">The best vector hits, best first (empty without vectors).</param>
    /// <param name="fuse">The fused score of a unit from its lexical score, its cosine and the best lexical score.</param>
    public static List<Candidate> Collapse(
        UnitTable units,
        List<(int Unit, float Score)> lexical,
        LexicalScores allLexical,
        float[] cosines,
        List<(int Unit, float Cosine)> vectorHits,
        Func<float, float, float, float> fuse,
        int top)
    {
        var pooled = new List<(int Unit, float Lexical, float Vector)>(lexical.Count + vectorHits.Count);
        var inPool = new HashSet<int>(pooled.Capacity); // sized once: growing it step by step was a visible share of a search
        for (var i = 0; i < lexical.Count; i++)
        {
            inPool.Add(lexical[i].Unit);
            pooled.Add((lexical[i].Unit, lexical[i].Score, cosines.Length == 0 ? 0 : cosines[i]));
        }

        foreach (var (unit, cosine) in vectorHits)
        {
            if (inPool.Add(unit))
            {
                pooled.Add((unit, allLexical[unit], cosine));
            }
        }

        var bestLexical = lexical.Count > 0 ? lexical[0].Score : 0;
        var lexicalFirst = lexical.Count > 0 ? units[lexical[0].Unit].Pair.Id : null;
        var vectorFirst = vectorHits.Count > 0 ? units[vectorHits[0].Unit].Pair.Id : lexicalFirst;
        var fused = pooled.ConvertAll(p => (p.Unit, p.Lexical, p.Vector, Score: fuse(p.Lexical, p.Vector, bestLexical)));
        fused.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Unit.CompareTo(b.Unit));

        var seenPairs = new HashSet<string>(top * 2, StringComparer.Ordinal);
        var seenQuestions = new HashSet<string>(top * 2, StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        foreach (var (unitId, lexicalScore, vector, score) in fused)
        {
            var unit = units[unitId];

            // a pair counts once, through its best turn; the same Q&A republished in a later weekly is one answer
            if (!seenPairs.Add(unit.Pair.Id) || !seenQuestions.Add(unit.RepublishKey))
            {
                continue;
            }

            var agreement = (unit.Pair.Id == lexicalFirst ? 1 : 0) + (unit.Pair.Id == vectorFirst ? 1 : 0);
            candidates.Add(new Candidate(unit.Pair, unit.Turn, lexicalScore, vector, score, agreement, unitId));
            if (candidates.Count == top)
            {
                break;
            }
        }

        return candidates;
    }
}
