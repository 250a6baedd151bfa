using SofaBot.Answering;
using SofaBot.Answering.Calibration;

namespace SofaBot.Tests.Answering;

/// <summary>The fit, the cross-validation and the bars, on rows made up to the purpose.</summary>
public sealed class CalibrationTests
{
    private static readonly int Features = ConfidenceFeatures.Names.Count;

    [Fact]
    public void The_fit_finds_the_feature_that_separates_right_from_wrong_and_is_deterministic()
    {
        var rows = Rows(80, 80, seed: 1);

        var first = LogisticFit.Fit(rows);
        var second = LogisticFit.Fit([.. rows]);

        Assert.Equal(first.Intercept, second.Intercept);
        Assert.Equal(first.Weights, second.Weights);
        Assert.True(first.Weights[0] > 2, $"the informative feature's weight is {first.Weights[0]}");
        Assert.All(first.Weights.Skip(1), w => Assert.InRange(w, -1.5f, 1.5f));
        Assert.Equal(CrossValidation.HeldOutConfidences(rows, 10), CrossValidation.HeldOutConfidences(rows, 10));
    }

    [Fact]
    public void Too_few_labels_are_refused_and_say_why()
    {
        var set = new CalibrationSet("dev.jsonl", true, 29, Rows(29, 200, seed: 2));

        var result = Calibrator.Run([set], new ConfidenceModel(0, new float[Features]), 0.8f, 0.4f);

        Assert.Null(result.Model);
        Assert.Contains("29 right and 200 wrong, at least 30 of each", result.RefusedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bar_is_never_where_measured_precision_falls_under_098_even_where_that_would_answer_far_more()
    {
        // the bar that answers most right matches (0.6) answers 10 wrong ones with them; only from 0.9 up is precision
        // at 0.98, where a fifth of the right ones remain
        List<(float, bool)> scored = [.. Enumerable.Range(0, 40).Select(i => (0.60f + (0.0025f * i), true)), .. Enumerable.Range(0, 10).Select(i => (0.62f + (0.02f * i), false)), .. Enumerable.Range(0, 10).Select(i => (0.90f + (0.005f * i), true))];
        var set = new CalibrationSet("constructed", true, 50, [.. scored.Select(s => new CalibrationRow(new float[Features], s.Item2, MayAnswer: true, Negative: !s.Item2))]);
        float[] confidences = [.. scored.Select(s => s.Item1)];

        var bar = AnswerBarRule.AnswerBar([set], [[confidences]]);

        Assert.NotNull(bar);
        var figures = SetFigures.At(set.Rows, confidences, bar.Value, set.Positives);
        Assert.True(figures.Precision >= 0.98, $"precision {figures.Precision} at {bar}");
        Assert.True(bar > 0.80f, $"bar {bar}");
        Assert.False(AnswerBarRule.Meets([set], [confidences], 0.60f));
    }

    [Fact]
    public void No_bar_is_set_when_none_reaches_the_target_and_each_eval_set_must_reach_it_alone()
    {
        // the only confident wrong answer sits at the top: no bar that answers anything is clean
        var rows = new List<CalibrationRow> { new(new float[Features], false, true, Negative: true), new(new float[Features], true, true) };
        var set = new CalibrationSet("tiny", true, 1, rows);
        Assert.Null(AnswerBarRule.AnswerBar([set], [[[0.99f, 0.95f]]]));

        // pooled 50 of 51 is 0.98, but the second set alone is 0 of 1
        var clean = new CalibrationSet("a", true, 50, [.. Enumerable.Repeat(new CalibrationRow(new float[Features], true, true), 50)]);
        var dirty = new CalibrationSet("b", true, 0, [new CalibrationRow(new float[Features], false, true)]);
        Assert.False(AnswerBarRule.Meets([clean, dirty], [Enumerable.Repeat(0.9f, 50).ToArray(), [0.95f]], 0.9f));
        Assert.True(AnswerBarRule.Meets([clean, dirty with { IsEvalSet = false }], [Enumerable.Repeat(0.9f, 50).ToArray(), [0.95f]], 0.9f));
    }

    [Fact]
    public void Calibration_on_enough_rows_sets_both_bars_with_the_suggest_bar_under_the_answer_bar()
    {
        var sets = new[] { new CalibrationSet("a", true, 60, Rows(60, 40, seed: 3)), new CalibrationSet("b", true, 60, Rows(60, 40, seed: 4)) };

        var result = Calibrator.Run(sets, new ConfidenceModel(0, new float[Features]), 0.8f, 0.1f);

        Assert.Null(result.RefusedBecause);
        Assert.InRange(result.SuggestBar, 0.1f, result.AnswerBar);
        Assert.All(result.Sets, s => Assert.True(s.HeldOut.Precision >= 0.98 && s.Fitted.Precision >= 0.98));
        Assert.True(result.PooledHeldOut.AnsweredRight > 0);
    }

    /// <summary>Right rows have feature 0 high, wrong rows low (with overlap); the other features are noise.</summary>
    private static List<CalibrationRow> Rows(int right, int wrong, int seed)
    {
        var random = new Random(seed);
        float[] Features(double centre)
        {
            var x = new float[CalibrationTests.Features];
            x[0] = (float)Math.Clamp(centre + ((random.NextDouble() - 0.5) * 0.6), 0, 1);
            for (var i = 1; i < x.Length; i++)
            {
                x[i] = (float)random.NextDouble();
            }

            return x;
        }

        return [.. Enumerable.Range(0, right).Select(_ => new CalibrationRow(Features(0.8), true, true)), .. Enumerable.Range(0, wrong).Select(_ => new CalibrationRow(Features(0.2), false, true, Negative: true))];
    }
}
