namespace SofaBot.Answering.Calibration;

/// <summary>Where the bars go, given each row's confidence. The answer bar is the lowest at which the precision of
/// what is answered reaches <see cref="TargetPrecision"/> over all the data, at least <see cref="MinSetPrecision"/> on
/// each eval set alone, with at most <see cref="MaxNegativesAnswered"/> unanswerable question answered per eval set.
/// Lowest, because every step up costs right answers the group would have had.</summary>
/// <remarks>Why the set floor is lower than the target: an eval set of a few dozen answers reaches 0.98 only with no
/// wrong answer at all, so one hard sibling pushes the bar past half the right answers; over all the data 0.98 is
/// measurable, and the floor still stops one set from carrying the errors of all.</remarks>
public static class AnswerBarRule
{
    public const double TargetPrecision = 0.98;

    public const double MinSetPrecision = 0.97;

    public const int MaxNegativesAnswered = 1;

    /// <summary>The share of suggestions whose first candidate is right that the suggestion band must keep.</summary>
    public const double SuggestPrecision = 0.35;

    /// <summary>The lowest bar (one of the rows' confidences) that meets the rule under every one of
    /// <paramref name="confidenceSets"/> (the cross-validated confidences, and those of the final weights), or null
    /// when no bar that answers anything does.</summary>
    /// <param name="sets">The sets, their rows.</param>
    /// <param name="confidenceSets">For each way of scoring, each set's row confidences (sets and rows in order).</param>
    public static float? AnswerBar(IReadOnlyList<CalibrationSet> sets, IReadOnlyList<IReadOnlyList<float[]>> confidenceSets)
    {
        var bars = confidenceSets
            .SelectMany(scoring => scoring.SelectMany((confidences, s) => confidences.Where((_, i) => sets[s].Rows[i].MayAnswer)))
            .Distinct()
            .Order();
        foreach (var bar in bars)
        {
            if (confidenceSets.All(scoring => Meets(sets, scoring, bar)))
            {
                return bar;
            }
        }

        return null;
    }

    /// <summary>Whether answering at the bar meets the rule (and answers something) under one scoring.</summary>
    public static bool Meets(IReadOnlyList<CalibrationSet> sets, IReadOnlyList<float[]> confidences, float bar)
    {
        var figures = sets.Select((set, s) => SetFigures.At(set.Rows, confidences[s], bar, set.Positives)).ToList();
        var answered = figures.Sum(f => f.Answered);
        var right = figures.Sum(f => f.AnsweredRight);
        return answered > 0
            && (double)right / answered >= TargetPrecision
            && sets.Select((set, s) => (set, f: figures[s])).Where(x => x.set.IsEvalSet)
                .All(x => x.f.Precision >= MinSetPrecision && x.f.NegativesAnswered <= MaxNegativesAnswered);
    }

    /// <summary>The suggestion bar: the lowest bar for which at least <see cref="SuggestPrecision"/> of the rows from it
    /// up to the answer bar (what becomes a draft) have the right match first, so a maintainer can send candidate 1
    /// about one time in three (and usually finds the right one among the three shown). Far down, questions without
    /// an answer outnumber the rest and the share falls under it. Never above the answer bar, never below <paramref name="floor"/> (<c>Answering:ShowClosestMinConfidence</c>,
    /// which must stay under it).</summary>
    public static float SuggestBar(IReadOnlyList<CalibrationRow> rows, IReadOnlyList<float> confidences, float answerBar, float floor)
    {
        var below = rows.Select((row, i) => (row.Right, Confidence: confidences[i])).Where(r => r.Confidence < answerBar).OrderByDescending(r => r.Confidence).ToList();
        var (inBand, right) = (0, 0);
        var bar = answerBar;
        foreach (var group in below.GroupBy(r => r.Confidence))
        {
            inBand += group.Count();
            right += group.Count(r => r.Right);
            if ((double)right / inBand >= SuggestPrecision)
            {
                bar = group.Key;
            }
        }

        return Math.Clamp(bar, Math.Min(floor, answerBar), answerBar);
    }
}
