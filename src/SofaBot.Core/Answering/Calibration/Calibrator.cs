namespace SofaBot.Answering.Calibration;

/// <summary>Refits the confidence weights and the bars from labelled decisions: pure, deterministic, no I/O.</summary>
/// <remarks>
/// <list type="number">
/// <item>Too few labels (fewer than <see cref="MinRight"/> right or <see cref="MinWrong"/> wrong rows): nothing is
/// fitted; the result says why.</item>
/// <item>k-fold cross-validation gives every row a confidence from weights fitted without it.</item>
/// <item>The weights that are written are fitted on all rows.</item>
/// <item>The answer bar is the lowest that meets <see cref="AnswerBarRule"/> under the cross-validated confidences and
/// under the final weights' own: either way, measured precision is at least 0.98 on the data there is.</item>
/// <item>The suggestion bar follows <see cref="AnswerBarRule.SuggestBar"/> on the cross-validated confidences.</item>
/// </list>
/// </remarks>
public static class Calibrator
{
    /// <summary>With fewer right or wrong rows than this, a precision of 0.98 cannot be told from 0.95: one wrong
    /// answer moves it by more than the margin. 30 of each is the least where a 2% error rate is seen at all.</summary>
    public const int MinRight = 30;

    public const int MinWrong = 30;

    public static CalibrationResult Run(IReadOnlyList<CalibrationSet> sets, ConfidenceModel before, float beforeBar, float suggestFloor, int folds = 10)
    {
        var rows = sets.SelectMany(s => s.Rows).ToList();
        var right = rows.Count(r => r.Right);
        var wrong = rows.Count - right;
        if (right < MinRight || wrong < MinWrong)
        {
            return CalibrationResult.Refused(
                $"too few labelled decisions to place a bar at {AnswerBarRule.TargetPrecision:0.00} precision: {right} right and {wrong} wrong, at least {MinRight} of each are needed");
        }

        var heldOut = Split(sets, CrossValidation.HeldOutConfidences(rows, folds));
        var model = LogisticFit.Fit(rows);
        var fitted = Split(sets, [.. rows.Select(r => model.Confidence(r.Features))]);
        var bar = AnswerBarRule.AnswerBar(sets, [heldOut, fitted]);
        var beforeConfidences = Split(sets, [.. rows.Select(r => before.Confidence(r.Features))]);
        if (bar is not { } answerBar)
        {
            return CalibrationResult.Refused(
                $"no bar reaches {AnswerBarRule.TargetPrecision:0.00} precision on every set (with at most {AnswerBarRule.MaxNegativesAnswered} question without an answer answered per eval set) under cross-validation; keeping the weights and bars there are");
        }

        var suggestBar = AnswerBarRule.SuggestBar(rows, heldOut.SelectMany(c => c).ToList(), answerBar, suggestFloor);
        var figures = sets.Select((set, s) => new SetComparison(
            set,
            SetFigures.At(set.Rows, beforeConfidences[s], beforeBar, set.Positives),
            SetFigures.At(set.Rows, heldOut[s], answerBar, set.Positives),
            SetFigures.At(set.Rows, fitted[s], answerBar, set.Positives))).ToList();
        return new CalibrationResult(null, model, answerBar, suggestBar, figures, right, wrong);
    }

    /// <summary>The pooled confidences cut back into one array per set.</summary>
    private static List<float[]> Split(IReadOnlyList<CalibrationSet> sets, float[] pooled)
    {
        var result = new List<float[]>();
        var at = 0;
        foreach (var set in sets)
        {
            result.Add(pooled[at..(at + set.Rows.Count)]);
            at += set.Rows.Count;
        }

        return result;
    }
}

/// <summary>What calibration found: refused (with why), or the weights and bars with the figures behind them.</summary>
public sealed record CalibrationResult(
    string? RefusedBecause,
    ConfidenceModel? Model,
    float AnswerBar,
    float SuggestBar,
    IReadOnlyList<SetComparison> Sets,
    int Right,
    int Wrong)
{
    public static CalibrationResult Refused(string why) => new(why, null, 0, 0, [], 0, 0);

    /// <summary>The pooled cross-validated figures at the chosen bar.</summary>
    public SetFigures PooledHeldOut => Pool(Sets.Select(s => s.HeldOut));

    public SetFigures PooledBefore => Pool(Sets.Select(s => s.Before));

    private static SetFigures Pool(IEnumerable<SetFigures> figures) => figures.Aggregate(
        new SetFigures(0, 0, 0, 0),
        (a, b) => new(a.Answered + b.Answered, a.AnsweredRight + b.AnsweredRight, a.NegativesAnswered + b.NegativesAnswered, a.Positives + b.Positives));
}

/// <summary>One set's figures with the weights and bar there were, cross-validated with the new ones, and with the new
/// weights fitted on everything.</summary>
public sealed record SetComparison(CalibrationSet Set, SetFigures Before, SetFigures HeldOut, SetFigures Fitted);
