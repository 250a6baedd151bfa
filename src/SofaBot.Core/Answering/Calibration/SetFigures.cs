namespace SofaBot.Answering.Calibration;

/// <summary>What a bar does on one set: the figures <c>eval</c> prints, from the rows' confidences.</summary>
/// <param name="Answered">Rows answered (a bar can answer them and their confidence reaches it).</param>
/// <param name="AnsweredRight">Of those, the ones whose best match was right.</param>
/// <param name="NegativesAnswered">Answered rows whose message has no answer at all.</param>
/// <param name="Positives">What "answered correctly" is a share of (see <see cref="CalibrationSet.Positives"/>).</param>
public sealed record SetFigures(int Answered, int AnsweredRight, int NegativesAnswered, int Positives)
{
    /// <summary>Share of the answered that were right; 1 when nothing is answered (no mistake was made).</summary>
    public double Precision => Answered == 0 ? 1 : (double)AnsweredRight / Answered;

    /// <summary>Share of the positives answered with the right pair.</summary>
    public double Coverage => Positives == 0 ? 0 : (double)AnsweredRight / Positives;

    public static SetFigures At(IReadOnlyList<CalibrationRow> rows, IReadOnlyList<float> confidences, float bar, int positives)
    {
        var (answered, right, negatives) = (0, 0, 0);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].MayAnswer || confidences[i] < bar)
            {
                continue;
            }

            answered++;
            right += rows[i].Right ? 1 : 0;
            negatives += rows[i].Negative ? 1 : 0;
        }

        return new(answered, right, negatives, positives);
    }
}
