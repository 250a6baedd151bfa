using SofaBot.Retrieval;

namespace SofaBot.Answering;

/// <summary>Computes the <see cref="MatchEvidence"/> for the best candidate of a message, from the term ids the
/// index keeps per unit (no re-tokenizing on the query path).</summary>
public sealed class EvidenceBuilder(QaRetriever retriever)
{
    /// <summary>Two candidates whose answers share this much of their terms are the same answer in practice.</summary>
    private const float SameAnswerOverlap = 0.5f;

    public MatchEvidence Build(Query query, IReadOnlyList<Candidate> candidates, FollowUpContext? context = null)
    {
        var best = candidates[0];
        var (coverage, questionCoverage, missing, keyCoverage) = Cover(query, best.Unit);
        var margin = Margin(candidates);
        var others = candidates.Skip(1).Where(c => !SameAnswer(best, c)).ToList();
        var vectorLead = best.Vector - others.Select(c => c.Vector).DefaultIfEmpty(0).Max();
        var lexicalLead = best.Lexical <= 0 ? 0 : Math.Clamp(1 - (others.Select(c => c.Lexical).DefaultIfEmpty(0).Max() / best.Lexical), 0, 1);
        var coverageLead = coverage - others.Select(c => c.Coverage).DefaultIfEmpty(0).Max();
        var continues = context?.Shown.Any(s => s.Pair.Id == best.Pair.Id) == true;
        return new MatchEvidence(coverage, questionCoverage, best.Vector, margin ?? 1, margin is not null, Conflicts(query, best), missing, query.IsAboutSofaStack, best.Agreement / 2f, Reverse(query, best), vectorLead, lexicalLead, coverageLead, continues, keyCoverage);
    }

    /// <summary>Share of the candidate question's words (IDF- and cohesion-weighted) the message has.</summary>
    public float Reverse(Query query, Candidate best)
    {
        var unit = retriever.Unit(best.Unit);
        var question = Retrieval.Units.UnitSource.EmbeddingText(unit);
        var terms = query.Terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        float total = 0, shared = 0;
        foreach (var term in Retrieval.Text.Tokenizer.Tokenize(question).Distinct(StringComparer.Ordinal))
        {
            var weight = retriever.Analyzer.Cohesion.Weight(term) * retriever.Lexical.Idf(term);
            total += weight;
            shared += terms.Contains(term) ? weight : 0;
        }

        return total == 0 ? 0 : shared / total;
    }

    private bool SameAnswer(Candidate a, Candidate b) => retriever.Lexical.AnswerOverlap(a.Unit, b.Unit) >= SameAnswerOverlap;

    /// <summary>The share of the message's concepts the unit covers, question and answer together.</summary>
    public float Coverage(Query query, Candidate candidate) => Cover(query, candidate.Unit).Coverage;

    /// <summary>The same for a unit by id.</summary>
    public float Coverage(Query query, int unit) => Cover(query, unit).Coverage;

    /// <summary>The message names projects, and the candidate is about none of them: neither its project link nor its
    /// own words name one ("SOFARPC 支持 fegin 不？" is linked to SOFARegistry in its weekly, and still about SOFARPC).</summary>
    private bool Conflicts(Query query, Candidate best)
    {
        if (query.NamedProjects.Count == 0 || query.NamedProjects.Any(p => p.Name == best.Pair.Project.Name))
        {
            return false;
        }

        var turn = best.Pair.Turns[best.Turn];
        var named = retriever.Analyzer.Catalog.FindNamed(best.Pair.Turns[0].Question + "\n" + turn.Question + "\n" + turn.Answer);
        return !query.NamedProjects.Any(named.ContainsKey);
    }

    /// <summary>How many of the message's weightiest concepts <see cref="Cover"/> checks on their own: a sibling or
    /// near miss shares the common words of a question and lacks its one or two distinctive ones.</summary>
    private const int KeyConcepts = 3;

    private (float Coverage, float QuestionCoverage, string? Missing, float KeyCoverage) Cover(Query query, int unit)
    {
        var index = retriever.Lexical;
        float total = 0, inQuestion = 0, inEither = 0;
        string? missing = null;
        var weighed = new List<(float Weight, bool Covered)>(query.Concepts.Count);
        var maxIdf = index.Idf("\u0001"); // an unseen term has the largest IDF
        foreach (var concept in query.Concepts)
        {
            var alternatives = concept.Alternatives.Select(a => a.Select(index.Find).ToArray()).ToList();
            var idf = concept.Alternatives.SelectMany(a => a).Min(index.Idf);
            var weight = concept.Weight * idf;
            total += weight;
            var covered = true;
            if (alternatives.Any(a => a.All(t => index.Contains(unit, t, orAnswer: false))))
            {
                inQuestion += weight;
                inEither += weight;
            }
            else if (alternatives.Any(a => a.All(t => index.Contains(unit, t, orAnswer: true))))
            {
                inEither += weight;
            }
            else
            {
                covered = false;
                if (concept.IsName && alternatives[0].All(t => t < 0) && concept.Label.Length >= 3 && idf >= maxIdf - 1e-3f)
                {
                    // a name the corpus never uses, as typed (PostgreSQL, not its part "sql")
                    missing ??= concept.Label;
                }
            }

            weighed.Add((weight, covered));
        }

        var key = weighed.OrderByDescending(c => c.Weight).Take(KeyConcepts).ToList();
        var keyTotal = key.Sum(c => c.Weight);
        var keyCoverage = keyTotal == 0 ? 0 : key.Where(c => c.Covered).Sum(c => c.Weight) / keyTotal;
        return total == 0 ? (0, 0, missing, 0) : (inEither / total, inQuestion / total, missing, keyCoverage);
    }

    /// <summary>The lead over the best candidate that is not the same answer in other words; null when there is
    /// no such candidate.</summary>
    private float? Margin(IReadOnlyList<Candidate> candidates)
    {
        var best = candidates[0];
        foreach (var other in candidates.Skip(1))
        {
            if (SameAnswer(best, other))
            {
                continue;
            }

            return best.Score <= 0 ? 0 : Math.Clamp((best.Score - other.Score) / best.Score, 0, 1);
        }

        return null;
    }
}
