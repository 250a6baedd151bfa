namespace SofaBot.Answering.Calibration;

/// <summary>One labelled decision: the features of the bot's best match (<see cref="ConfidenceFeatures.Names"/>
/// order) and whether that match was right.</summary>
/// <param name="Features">The evidence's features, in <see cref="ConfidenceFeatures.Names"/> order.</param>
/// <param name="Right">The best match was a right answer to the message.</param>
/// <param name="MayAnswer">Nothing but the confidence decides whether this match is answered (no other project named,
/// some of what the message asks covered): a bar can answer it. Rows that cannot be answered still teach the fit.</param>
/// <param name="Negative">The message has no answer in the weeklies at all (an eval set's <c>"expect": null</c>).</param>
public sealed record CalibrationRow(float[] Features, bool Right, bool MayAnswer, bool Negative = false);

/// <summary>A named set of labelled decisions: an eval file, or the review log.</summary>
/// <param name="Name">What the tables call it (the file name, "review log").</param>
/// <param name="IsEvalSet">An eval set: its precision must reach the target on its own, and it may have at most
/// <see cref="AnswerBarRule.MaxNegativesAnswered"/> negatives answered.</param>
/// <param name="Positives">Its questions that have an answer, including those no decision could answer (small talk
/// by the gate): what "answered correctly" is a share of.</param>
/// <param name="Rows">Its labelled decisions that have evidence.</param>
public sealed record CalibrationSet(string Name, bool IsEvalSet, int Positives, IReadOnlyList<CalibrationRow> Rows);

/// <summary>A logistic model over the features: what <c>Answering:Confidence</c> holds.</summary>
/// <param name="Intercept">The constant term.</param>
/// <param name="Weights">One weight per feature, in <see cref="ConfidenceFeatures.Names"/> order.</param>
public sealed record ConfidenceModel(float Intercept, IReadOnlyList<float> Weights)
{
    public static ConfidenceModel Of(ConfidenceWeights weights) => new(weights.Intercept, weights.ToArray());

    /// <summary>The confidence of a row, computed exactly as <see cref="ConfidenceFeatures.Confidence"/> does (float,
    /// the same order of operations), so a bar chosen here means the same at run time.</summary>
    public float Confidence(float[] x)
    {
        var z = Intercept;
        for (var i = 0; i < x.Length && i < Weights.Count; i++)
        {
            z += Weights[i] * x[i];
        }

        return 1 / (1 + MathF.Exp(-z));
    }
}
