namespace SofaBot.Answering;

/// <summary>The figures of <see cref="MatchEvidence"/> the confidence is a logistic function of, in one fixed order
/// with their names: what the decider weighs, what is stored with every decision, and what calibration refits.
/// A new feature is added here, in <see cref="ConfidenceWeights"/>, and nowhere else.</summary>
public static class ConfidenceFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        nameof(ConfidenceWeights.Margin),
        nameof(ConfidenceWeights.Coverage),
        nameof(ConfidenceWeights.Vector),
        nameof(ConfidenceWeights.Agreement),
        nameof(ConfidenceWeights.UnknownName),
        nameof(ConfidenceWeights.OutOfDomain),
        nameof(ConfidenceWeights.Reverse),
        nameof(ConfidenceWeights.VectorLead),
        nameof(ConfidenceWeights.LexicalLead),
        nameof(ConfidenceWeights.CoverageLead),
        nameof(ConfidenceWeights.Continues),
        nameof(ConfidenceWeights.KeyCoverage),
    ];

    /// <summary>The features of the evidence, in <see cref="Names"/> order.</summary>
    public static float[] Of(MatchEvidence e) =>
    [
        e.Margin,
        e.Coverage,
        e.Vector,
        e.Agreement,
        e.MissingName is null ? 0 : 1,
        e.InDomain ? 0 : 1,
        e.Reverse,
        e.VectorLead,
        e.LexicalLead,
        e.CoverageLead,
        e.Continues ? 1 : 0,
        e.KeyCoverage,
    ];

    /// <summary>The confidence (0–1): the logistic function of the weighted features.</summary>
    public static float Confidence(ConfidenceWeights weights, MatchEvidence evidence)
    {
        var w = weights.ToArray();
        var x = Of(evidence);
        var z = weights.Intercept;
        for (var i = 0; i < x.Length; i++)
        {
            z += w[i] * x[i];
        }

        return 1 / (1 + MathF.Exp(-z));
    }
}
