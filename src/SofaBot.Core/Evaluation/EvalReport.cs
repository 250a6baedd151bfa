using SofaBot.Answering;

namespace SofaBot.Evaluation;

/// <summary>The figures of an eval run, computed from its items so anyone can recompute them.</summary>
public sealed class EvalReport(IReadOnlyList<EvalItemResult> items)
{
    public IReadOnlyList<EvalItemResult> Items { get; } = items;

    public EvalSummary Summary => Summarize(Items);

    /// <summary>The figures of each kind of item (typo, follow-up, …; "(none)" for items without a kind), in the
    /// order the kinds first appear.</summary>
    public IReadOnlyList<(string Kind, EvalSummary Summary)> ByKind =>
        [.. Items.GroupBy(i => i.Item.Kind ?? "(none)").Select(g => (g.Key, Summarize([.. g])))];

    private static EvalSummary Summarize(IReadOnlyList<EvalItemResult> items)
    {
        {
            var positives = items.Where(i => i.IsPositive).ToList();
            var negatives = items.Where(i => !i.IsPositive).ToList();
            var answered = items.Where(i => i.Decision == DecisionKind.Answer).ToList();
            var answeredRight = answered.Count(i => i.IsPositive && i.Rank == 1);
            return new EvalSummary
            {
                Items = items.Count,
                Positives = positives.Count,
                Negatives = negatives.Count,
                HitAt1 = Share(positives.Count(i => i.Rank == 1), positives.Count),
                HitAt5 = Share(positives.Count(i => i.Rank is >= 1 and <= 5), positives.Count),
                MrrAt5 = positives.Count == 0 ? 0 : Math.Round(positives.Sum(i => i.Rank is >= 1 and <= 5 ? 1.0 / i.Rank : 0) / positives.Count, 4),
                AutoAnsweredCorrectly = Share(answeredRight, positives.Count),
                AutoAnswerPrecision = Share(answeredRight, answered.Count),
                NegativesAnswered = negatives.Count(i => i.Decision == DecisionKind.Answer),
                AnsweredWrong = answered.Count - answeredRight,
                NegativesSuggested = negatives.Count(i => i.Decision == DecisionKind.Suggest),
                PositivesSuggested = positives.Count(i => i.Decision == DecisionKind.Suggest),
                BrokenItems = items.Count(i => i.ExpectedMissing),
            };
        }
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}

public sealed record EvalSummary
{
    public int Items { get; init; }

    public int Positives { get; init; }

    public int Negatives { get; init; }

    public double HitAt1 { get; init; }

    public double HitAt5 { get; init; }

    public double MrrAt5 { get; init; }

    /// <summary>Share of the positives that were auto-answered with the right pair.</summary>
    public double AutoAnsweredCorrectly { get; init; }

    /// <summary>Share of auto-answers (over all items) that were right.</summary>
    public double AutoAnswerPrecision { get; init; }

    public int NegativesAnswered { get; init; }

    /// <summary>Auto-answers that were wrong: a question that must not be answered, or another pair than the right one.</summary>
    public int AnsweredWrong { get; init; }

    public int NegativesSuggested { get; init; }

    public int PositivesSuggested { get; init; }

    /// <summary>Items whose expected pair is not in the corpus at all (the item, not the method, is wrong).</summary>
    public int BrokenItems { get; init; }
}
