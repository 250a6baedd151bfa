using SofaBot.Answering;
using SofaBot.Retrieval;

namespace SofaBot.Evaluation;

/// <summary>Runs an eval set through retrieval and the answer decision and computes the quality figures.</summary>
/// <param name="index">The index to decide with.</param>
/// <param name="followUpContext">Ask a follow-up item as a reply to the bot's reply to its earlier message (true, as
/// the bot reads it), or alone (to measure what the context brings).</param>
public sealed class EvalRunner(KnowledgeIndex index, bool followUpContext = true)
{
    public async Task<EvalReport> RunAsync(IReadOnlyList<EvalItem> items, RetrievalMode mode = RetrievalMode.Hybrid, int top = 5, CancellationToken cancellationToken = default)
    {
        var results = new List<EvalItemResult>();
        foreach (var item in items)
        {
            // a follow-up is asked after the earlier message, as a reply to what the bot said to it
            var context = item.FollowUpOf is { } earlier && followUpContext
                ? await index.ContextAfterAsync(earlier, mode, cancellationToken)
                : null;
            var answer = await index.DecideAsync(item.Query, context, mode, cancellationToken);
            var candidates = answer.Candidates.Take(top).ToList();
            var expected = item.Expect is null ? null : ExpectedPairs(item.Expect);
            var rank = expected is null ? 0 : candidates.FindIndex(c => expected.Contains(c.Pair.Id)) + 1;
            results.Add(new EvalItemResult(item, answer, candidates, rank, expected is { Count: 0 }));
        }

        return new EvalReport(results);
    }

    /// <summary>The pairs that count as a hit: from the named file, by the named asker, whose question contains
    /// the words; and any republished copy of those (the same question in another weekly).</summary>
    private HashSet<string> ExpectedPairs(EvalExpectation expect)
    {
        var direct = index.KnowledgeBase.Pairs
            .Where(p => p.Weekly.File == expect.File || Path.GetFileName(p.Weekly.File) == expect.File)
            .Where(p => p.Asker == expect.Asker)
            .Where(p => p.Turns.Any(t => t.Question.Contains(expect.QuestionContains, StringComparison.Ordinal)))
            .ToList();
        var questions = direct.Select(p => p.RepublishKey).ToHashSet(StringComparer.Ordinal);
        return index.KnowledgeBase.Pairs.Where(p => direct.Contains(p) || questions.Contains(p.RepublishKey)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
    }
}

/// <param name="Rank">1-based rank of the first expected pair among the candidates, 0 when absent or not expected.</param>
/// <param name="ExpectedMissing">True when the eval item names a pair the corpus does not have (a broken item).</param>
public sealed record EvalItemResult(EvalItem Item, AnswerDecision Answer, IReadOnlyList<Candidate> Candidates, int Rank, bool ExpectedMissing)
{
    public DecisionKind Decision => Answer.Kind;

    public bool IsPositive => Item.Expect is not null;
}
