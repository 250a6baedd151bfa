namespace SofaBot.Answering.Calibration;

/// <summary>k-fold cross-validation: every row's confidence from a model fitted without it, so a bar chosen on these
/// confidences is measured on decisions the weights never saw.</summary>
public static class CrossValidation
{
    /// <summary>The seed of the fold assignment: the same rows always fall in the same folds.</summary>
    public const int Seed = 20261121;

    /// <summary>Each row's held-out confidence, in the order of <paramref name="rows"/>. Folds are assigned by a
    /// seeded shuffle (Fisher–Yates), then round robin; each fold's model is fitted on the others.</summary>
    public static float[] HeldOutConfidences(IReadOnlyList<CalibrationRow> rows, int folds, double penalty = LogisticFit.DefaultPenalty)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var fold = FoldOf(rows.Count, Math.Min(folds, rows.Count));
        var confidences = new float[rows.Count];
        for (var k = 0; k < folds; k++)
        {
            var held = Enumerable.Range(0, rows.Count).Where(i => fold[i] == k).ToList();
            if (held.Count == 0)
            {
                continue;
            }

            var model = LogisticFit.Fit([.. rows.Where((_, i) => fold[i] != k)], penalty);
            foreach (var i in held)
            {
                confidences[i] = model.Confidence(rows[i].Features);
            }
        }

        return confidences;
    }

    private static int[] FoldOf(int count, int folds)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(Seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var fold = new int[count];
        for (var position = 0; position < count; position++)
        {
            fold[order[position]] = position % folds;
        }

        return fold;
    }
}
