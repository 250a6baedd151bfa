using System.Globalization;
using SofaBot.Answering;
using SofaBot.Answering.Calibration;

namespace SofaBot.Cli;

/// <summary>What <c>calibrate</c> prints: the labels it had, per set the figures before and after, and the weights.</summary>
internal static class CalibrationReport
{
    /// <summary>Below this many rows a set's precision moves by more than 0.02 with one decision.</summary>
    private const int FewRows = 50;

    public static async Task WriteAsync(TextWriter output, IReadOnlyList<CalibrationSet> sets, CalibrationResult result, AnsweringOptions before)
    {
        await output.WriteLineAsync("Labelled decisions:");
        foreach (var set in sets)
        {
            var right = set.Rows.Count(r => r.Right);
            var note = set.Rows.Count < FewRows ? $" (few: one decision moves its precision by {1.0 / Math.Max(1, set.Rows.Count):0.000})" : "";
            await output.WriteLineAsync(Invariant($"  {set.Name}: {set.Rows.Count} ({right} right, {set.Rows.Count - right} wrong; {set.Rows.Count(r => r.MayAnswer)} a bar can answer){note}"));
        }

        if (result.RefusedBecause is not null)
        {
            return;
        }

        await output.WriteLineAsync(Invariant($"""

            Answer bar (Answering:AutoAnswerMinConfidence):   {before.AutoAnswerMinConfidence:0.0000} -> {result.AnswerBar:0.0000}
            Suggest bar (Answering:SuggestMinConfidence):     {before.SuggestMinConfidence:0.0000} -> {result.SuggestBar:0.0000}
            Pooled, cross-validated at the new bar: precision {result.PooledHeldOut.Precision:0.000} ({result.PooledHeldOut.AnsweredRight} of {result.PooledHeldOut.Answered}); before: {result.PooledBefore.Precision:0.000} ({result.PooledBefore.AnsweredRight} of {result.PooledBefore.Answered})

            "before": the weights and bar in force; "cross-validated": each decision scored by weights fitted without it,
            at the new bar; "fitted": the new weights (fitted on everything) at the new bar.

            | set | weights | auto-answered correctly | precision | negatives answered | answered wrong |
            | --- | --- | --- | --- | --- | --- |
            """));
        foreach (var comparison in result.Sets)
        {
            foreach (var (label, f) in new[] { ("before", comparison.Before), ("cross-validated", comparison.HeldOut), ("fitted", comparison.Fitted) })
            {
                var negatives = comparison.Set.IsEvalSet ? f.NegativesAnswered.ToString(CultureInfo.InvariantCulture) : "–";
                await output.WriteLineAsync(Invariant(
                    $"| {comparison.Set.Name} | {label} | {f.Coverage:0.000} ({f.AnsweredRight} of {f.Positives}) | {f.Precision:0.000} ({f.AnsweredRight} of {f.Answered}) | {negatives} | {f.Answered - f.AnsweredRight} |"));
            }
        }

        await output.WriteLineAsync("\n| weight | before | after |\n| --- | --- | --- |");
        var old = ConfidenceModel.Of(before.Confidence);
        await output.WriteLineAsync(Invariant($"| {nameof(ConfidenceWeights.Intercept)} | {old.Intercept:0.000} | {result.Model!.Intercept:0.000} |"));
        for (var i = 0; i < ConfidenceFeatures.Names.Count; i++)
        {
            await output.WriteLineAsync(Invariant($"| {ConfidenceFeatures.Names[i]} | {old.Weights[i]:0.000} | {result.Model.Weights[i]:0.000} |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
