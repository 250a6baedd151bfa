using SofaBot.Answering;
using SofaBot.Corpus;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;

namespace SofaBot.Evaluation;

/// <summary>Runs an eval set through retrieval and the answer decision and computes the quality figures.</summary>
public sealed class EvalRunner(KnowledgeBase knowledgeBase, Func<string, (DecisionKind Decision, IReadOnlyList<Candidate> Candidates)> ask)
{
    public EvalReport Run(IReadOnlyList<EvalItem> items, int top = 5)
    {
        var results = new List<EvalItemResult>();
        foreach (var item in items)
        {
            var (decision, candidates) = ask(item.Query);
            var expected = item.Expect is null ? null : ExpectedPairs(item.Expect);
            var rank = expected is null ? 0 : candidates.Take(top).Select((c, i) => (c, i)).FirstOrDefault(x => expected.Contains(x.c.Pair.Id)).i + 1;
            if (expected is not null && (rank == 0 || !expected.Contains(candidates[rank - 1].Pair.Id)))
            {
                rank = 0;
            }

            results.Add(new EvalItemResult(item, decision, candidates.Take(top).ToList(), rank, expected is { Count: 0 }));
        }

        return new EvalReport(results);
    }

    /// <summary>The pairs that count as a hit: from the named file, by the named asker, whose question contains
    /// the words; and any republished copy of those (the same question in another weekly).</summary>
    private HashSet<string> ExpectedPairs(EvalExpectation expect)
    {
        var direct = knowledgeBase.Pairs
            .Where(p => p.Weekly.File == expect.File || Path.GetFileName(p.Weekly.File) == expect.File)
            .Where(p => p.Asker == expect.Asker)
            .Where(p => p.Turns.Any(t => t.Question.Contains(expect.QuestionContains, StringComparison.Ordinal)))
            .ToList();
        var questions = direct.Select(p => Key(p.Question)).ToHashSet(StringComparer.Ordinal);
        return knowledgeBase.Pairs.Where(p => direct.Contains(p) || questions.Contains(Key(p.Question))).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static string Key(string question) => Tokenizer.Fold(question).Replace(" ", "", StringComparison.Ordinal);
}

/// <param name="Rank">1-based rank of the first expected pair among the candidates, 0 when absent or not expected.</param>
/// <param name="ExpectedMissing">True when the eval item names a pair the corpus does not have (a broken item).</param>
public sealed record EvalItemResult(EvalItem Item, DecisionKind Decision, IReadOnlyList<Candidate> Candidates, int Rank, bool ExpectedMissing)
{
    public bool IsPositive => Item.Expect is not null;
}
