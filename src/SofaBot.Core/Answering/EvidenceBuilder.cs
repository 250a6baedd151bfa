using SofaBot.Retrieval;

namespace SofaBot.Answering;

/// <summary>Computes the <see cref="MatchEvidence"/> for the best candidate of a message, from the term ids the
/// index keeps per unit (no re-tokenizing on the query path).</summary>
public sealed class EvidenceBuilder(QaRetriever retriever)
{
    /// <summary>Two candidates whose answers share this much of their terms are the same answer in practice.</summary>
    private const float SameAnswerOverlap = 0.5f;

    public MatchEvidence Build(Query query, IReadOnlyList<Candidate> candidates)
    {
        var best = candidates[0];
        var (coverage, questionCoverage, missing) = Cover(query, best.Unit);
        var project = best.Pair.Project.Name;
        var conflict = query.NamedProjects.Count > 0 && query.NamedProjects.All(p => p.Name != project);
        var margin = Margin(candidates);
        return new MatchEvidence(coverage, questionCoverage, best.Vector, margin ?? 1, margin is not null, conflict, missing, query.IsAboutSofaStack);
    }

    private (float Coverage, float QuestionCoverage, string? Missing) Cover(Query query, int unit)
    {
        var index = retriever.Lexical;
        float total = 0, inQuestion = 0, inEither = 0;
        string? missing = null;
        var maxIdf = index.Idf("\u0001"); // an unseen term has the largest IDF
        foreach (var concept in query.Concepts)
        {
            var alternatives = concept.Alternatives.Select(a => a.Select(index.Find).ToArray()).ToList();
            var idf = concept.Alternatives.SelectMany(a => a).Min(index.Idf);
            var weight = concept.Weight * idf;
            total += weight;
            if (alternatives.Any(a => a.All(t => index.Contains(unit, t, orAnswer: false))))
            {
                inQuestion += weight;
                inEither += weight;
            }
            else if (alternatives.Any(a => a.All(t => index.Contains(unit, t, orAnswer: true))))
            {
                inEither += weight;
            }
            else if (concept.IsName && alternatives[0].All(t => t < 0) && concept.Label.Length >= 3 && idf >= maxIdf - 1e-3f)
            {
                // a name the corpus never uses, as typed (PostgreSQL, not its part "sql")
                missing ??= concept.Label;
            }
        }

        return total == 0 ? (0, 0, missing) : (inEither / total, inQuestion / total, missing);
    }

    /// <summary>The lead over the best candidate that is not the same answer in other words; null when there is
    /// no such candidate.</summary>
    private float? Margin(IReadOnlyList<Candidate> candidates)
    {
        var best = candidates[0];
        foreach (var other in candidates.Skip(1))
        {
            if (retriever.Lexical.AnswerOverlap(best.Unit, other.Unit) >= SameAnswerOverlap)
            {
                continue;
            }

            return best.Score <= 0 ? 0 : Math.Clamp((best.Score - other.Score) / best.Score, 0, 1);
        }

        return null;
    }
}
