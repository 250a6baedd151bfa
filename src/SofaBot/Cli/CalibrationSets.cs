using SofaBot.Answering;
using SofaBot.Answering.Calibration;
using SofaBot.Evaluation;
using SofaBot.Retrieval;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Cli;

/// <summary>The labelled decisions <c>calibrate</c> fits on: an eval set decided as <c>eval</c> decides it, and the
/// review log (the decision log, labelled by what maintainers and askers said, <see cref="DecisionLabels"/>).</summary>
internal static class CalibrationSets
{
    public const string ReviewLogName = "review log";

    /// <summary>Each item decided as <c>eval</c> decides it (follow-ups as replies); the label is whether the best
    /// match is an expected pair (never, for a question without an answer).</summary>
    public static async Task<CalibrationSet> FromEvalAsync(string name, IReadOnlyList<EvalItem> items, KnowledgeIndex index, AnsweringOptions options, CancellationToken cancellationToken)
    {
        var report = await new EvalRunner(index).RunAsync(items, cancellationToken: cancellationToken);
        var rows = new List<CalibrationRow>();
        foreach (var result in report.Items)
        {
            if (result.Answer.Evidence is not { } evidence)
            {
                continue;
            }

            rows.Add(new CalibrationRow(ConfidenceFeatures.Of(evidence), result.IsPositive && result.Rank == 1, AnswerDecider.MayAnswer(evidence), Negative: !result.IsPositive));
        }

        return new CalibrationSet(name, IsEvalSet: true, report.Items.Count(i => i.IsPositive), rows);
    }

    /// <summary>The decisions of the log that maintainers or askers labelled; for a message decided more than once
    /// (handled again after a crash), the newest decision.</summary>
    public static async Task<CalibrationSet> FromReviewLogAsync(IDecisionLog log, IReviewStore reviews, CancellationToken cancellationToken)
    {
        // rows without evidence (answers maintainers posted) stand for no decision of the bot's
        var decisions = (await log.ListAsync(cancellationToken)).Where(d => d.Features.Count > 0).GroupBy(d => d.Question).Select(g => g.Last()).ToList();
        var items = (await reviews.ListAsync(null, int.MaxValue, cancellationToken)).ToLookup(i => i.Message.Key);
        var rows = new List<CalibrationRow>();
        foreach (var decision in decisions)
        {
            var votes = await reviews.ListFeedbackAsync(decision.Question, cancellationToken);
            if (DecisionLabels.Of(decision, items[decision.Question], votes) is { } right)
            {
                rows.Add(new CalibrationRow(decision.FeatureVector(), right, decision.MayAnswer ?? true));
            }
        }

        return new CalibrationSet(ReviewLogName, IsEvalSet: false, rows.Count(r => r.Right), rows);
    }
}
