using SofaBot.Corpus;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;

namespace SofaBot.Answering;

/// <summary>Computes the <see cref="MatchEvidence"/> for the best candidate of a message.</summary>
public sealed class EvidenceBuilder(QaRetriever retriever)
{
    /// <summary>Two candidates whose answers share this much of their terms are the same answer in practice.</summary>
    private const float SameAnswerOverlap = 0.5f;

    public MatchEvidence Build(Query query, IReadOnlyList<Candidate> candidates)
    {
        var best = candidates[0];
        var turn = best.Pair.Turns[best.Turn];
        var question = TermSet(QuestionOf(best.Pair, turn));
        if (retriever.Analyzer.Catalog.FindByName(best.Pair.Project.Name) is { } candidateProject)
        {
            question.Add(Analyzer.ProjectTerm(candidateProject));
        }

        var answer = TermSet(PlainText.FromMarkdown(turn.Answer));
        var (coverage, questionCoverage, missing) = Cover(query, question, answer);

        var project = best.Pair.Project.Name;
        var conflict = query.NamedProjects.Count > 0 && query.NamedProjects.All(p => p.Name != project);
        var inDomain = query.IsAboutSofaStack;
        return new MatchEvidence(coverage, questionCoverage, best.Vector, Margin(candidates, answer), conflict, missing, inDomain);
    }

    private (float Coverage, float QuestionCoverage, string? Missing) Cover(Query query, HashSet<string> question, HashSet<string> answer)
    {
        float total = 0, inQuestion = 0, inEither = 0;
        string? missing = null;
        var maxIdf = retriever.Lexical.Idf("\u0001"); // an unseen term has the largest IDF
        foreach (var concept in query.Concepts)
        {
            var idf = concept.Alternatives.SelectMany(a => a).Select(retriever.Lexical.Idf).Min();
            var weight = concept.Weight * idf;
            total += weight;
            if (concept.Alternatives.Any(a => a.All(question.Contains)))
            {
                inQuestion += weight;
                inEither += weight;
            }
            else if (concept.Alternatives.Any(a => a.All(t => question.Contains(t) || answer.Contains(t))))
            {
                inEither += weight;
            }
            else
            {
                // a name the corpus never uses, as typed (PostgreSQL, not its part "sql")
                if (concept.IsName && concept.Alternatives[0].All(t => retriever.Lexical.Idf(t) >= maxIdf) && concept.Label.Length >= 3)
                {
                    missing ??= concept.Label;
                }
            }
        }

        return total == 0 ? (0, 0, missing) : (inEither / total, inQuestion / total, missing);
    }

    /// <summary>The lead over the best candidate that is not the same answer in other words.</summary>
    private static float Margin(IReadOnlyList<Candidate> candidates, HashSet<string> bestAnswer)
    {
        var best = candidates[0];
        foreach (var other in candidates.Skip(1))
        {
            var answer = TermSet(PlainText.FromMarkdown(other.Pair.Turns[other.Turn].Answer));
            if (Overlap(bestAnswer, answer) >= SameAnswerOverlap)
            {
                continue;
            }

            return best.Score <= 0 ? 0 : Math.Clamp((best.Score - other.Score) / best.Score, 0, 1);
        }

        return 1;
    }

    private static float Overlap(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : (float)a.Count(b.Contains) / Math.Min(a.Count, b.Count);

    private static HashSet<string> TermSet(string text) => new(Tokenizer.Tokenize(text), StringComparer.Ordinal);

    private static string QuestionOf(QaPair pair, QaTurn turn) =>
        PlainText.FromMarkdown((pair.Topic is null ? "" : pair.Topic + "\n") + turn.Question);
}
