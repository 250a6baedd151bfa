using SofaBot.Retrieval;

namespace SofaBot.Answering;

/// <summary>Computes the <see cref="MatchEvidence"/> for the best candidate of a message, from the term ids the
/// index keeps per unit (no re-tokenizing on the query path).</summary>
public sealed class EvidenceBuilder(QaRetriever retriever)
{
    /// <summary>Two candidates whose answers share this much of their terms are the same answer in practice.</summary>
    private const float SameAnswerOverlap = 0.5f;

    /// <summary>How many candidates after the best are compared with it for the leads and the margin.</summary>
    private const int Competitors = 5;

    /// <summary>The message's concepts as this index knows them, for covering candidates.</summary>
    public MessageConcepts Concepts(Query query) => new(query, retriever.Lexical);

    public MatchEvidence Build(Query query, MessageConcepts concepts, IReadOnlyList<Candidate> candidates, FollowUpContext? context = null)
    {
        var best = candidates[0];
        var coverage = concepts.Of(best.Unit);
        // the candidates with another answer than the best (the same Q&A printed twice is not a competitor), among
        // the first few: comparing answers is the cost here, and a competitor further down leads nothing
        var others = candidates.Skip(1).Take(Competitors).Where(c => !SameAnswer(best, c)).ToList();
        float? margin = others.Count == 0 ? null : best.Score <= 0 ? 0 : Math.Clamp((best.Score - others[0].Score) / best.Score, 0, 1);
        var vectorLead = best.Vector - others.Select(c => c.Vector).DefaultIfEmpty(0).Max();
        var lexicalLead = best.Lexical <= 0 ? 0 : Math.Clamp(1 - (others.Select(c => c.Lexical).DefaultIfEmpty(0).Max() / best.Lexical), 0, 1);
        var coverageLead = coverage.All - others.Select(c => c.Coverage).DefaultIfEmpty(0).Max();
        var continues = context?.Shown.Any(s => s.Pair.Id == best.Pair.Id) == true;
        // the other direction: how much of the candidate's question the message has (IDF- and cohesion-weighted)
        var reverse = retriever.Lexical.QuestionShareIn(best.Unit, concepts.TermIds, retriever.Analyzer.Cohesion.Weight);
        return new MatchEvidence(coverage.All, coverage.InQuestion, best.Vector, margin ?? 1, margin is not null, Conflicts(query, best), concepts.UnknownName, query.IsAboutSofaStack, best.Agreement / 2f, reverse, vectorLead, lexicalLead, coverageLead, continues, coverage.Key);
    }

    private bool SameAnswer(Candidate a, Candidate b) => retriever.Lexical.AnswerOverlap(a.Unit, b.Unit) >= SameAnswerOverlap;

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
}
