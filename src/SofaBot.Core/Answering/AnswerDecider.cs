using SofaBot.Retrieval;

namespace SofaBot.Answering;

/// <summary>Decides, for one message, whether SofaBot answers it, drafts a suggestion for the maintainers, or stays
/// silent. This is where "know when there is no answer" lives.</summary>
/// <remarks>
/// The order of the checks:
/// <list type="number">
/// <item>not a question at all (empty, emoji, greeting, thanks, an announcement): ignore;</item>
/// <item>retrieve candidates and weigh the best one's evidence into a confidence;</item>
/// <item>answer only when confident (or plausible and decisively ahead of every other answer) AND the message is
/// about SOFAStack (it names or hints at a project) AND it names nothing the weeklies never mention (PostgreSQL,
/// witness) AND it does not name another project than the match's. Any of those doubts turns a confident match
/// into a suggestion;</item>
/// <item>suggest when plausible; otherwise stay silent.</item>
/// </list>
/// </remarks>
public sealed class AnswerDecider(QaRetriever retriever, AnsweringOptions options)
{
    /// <summary>What of a message is read: a question fits in far less; beyond it is a pasted log that adds cost,
    /// not meaning.</summary>
    public const int MaxAnalyzedChars = 4000;

    private readonly EvidenceBuilder _evidence = new(retriever);

    public QaRetriever Retriever => retriever;

    public async Task<AnswerDecision> DecideAsync(string message, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default)
    {
        if (MessageGate.NotAQuestion(message) is { } notAQuestion)
        {
            return AnswerDecision.Ignore(notAQuestion);
        }

        var query = retriever.Analyzer.Analyze(message.Length > MaxAnalyzedChars ? message[..MaxAnalyzedChars] : message);
        var candidates = await retriever.SearchAsync(query, Math.Max(2, options.Candidates), mode, cancellationToken);
        if (candidates.Count == 0)
        {
            return AnswerDecision.Ignore("nothing in the weeklies shares a word with the message");
        }

        var evidence = _evidence.Build(query, candidates);
        var confidence = Confidence(evidence, candidates[0]);
        var shown = candidates.Take(options.Candidates).ToList();

        var doubt = evidence.MissingName is { } name ? $"the weeklies never mention \"{name}\""
            : evidence.ProjectConflict ? $"the message names {string.Join("/", query.NamedProjects.Select(p => p.Name))}, the match is about {candidates[0].Pair.Project.Name}"
            : !evidence.InDomain ? "the message names no SOFAStack project"
            : null;

        if (confidence >= options.AutoAnswerMinConfidence && doubt is null)
        {
            return new AnswerDecision(DecisionKind.Answer, $"confident match ({confidence:0.00})", shown, evidence, confidence);
        }

        if (IsDecisive(evidence, confidence) && doubt is null)
        {
            return new AnswerDecision(DecisionKind.Answer, $"decisive match (leads the next answer by {evidence.Margin:0%}; {confidence:0.00})", shown, evidence, confidence);
        }

        if (confidence >= options.SuggestMinConfidence && (evidence.InDomain || confidence >= options.AutoAnswerMinConfidence))
        {
            // the reason says which bar the match missed: maintainers read it on the review item
            var why = doubt is not null
                ? $"match ({confidence:0.00}) held back: {doubt}"
                : $"plausible match: confidence {confidence:0.00} < {options.AutoAnswerMinConfidence:0.00}"
                    + (evidence.Contested ? $", decisive margin {evidence.Margin:0%} < {options.DecisiveMargin:0%}" : "");
            return new AnswerDecision(DecisionKind.Suggest, why, shown, evidence, confidence);
        }

        return AnswerDecision.Ignore(
            evidence.InDomain ? $"nothing close enough (confidence {confidence:0.00} < {options.SuggestMinConfidence:0.00})" : $"not about SOFAStack and nothing close ({confidence:0.00})",
            shown, evidence, confidence);
    }

    /// <summary>A plausible match far ahead of every other answer. The offline vectors are the weaker ranker
    /// (Hit@1 0.77 alone against 0.92 for words), so when they disagree about a match the words put far ahead, the
    /// lead is the better evidence.</summary>
    private bool IsDecisive(MatchEvidence evidence, float confidence) =>
        evidence.Contested && evidence.Margin >= options.DecisiveMargin && confidence >= options.SuggestMinConfidence;

    /// <summary>Logistic confidence from the evidence; see <see cref="ConfidenceWeights"/>.</summary>
    public float Confidence(MatchEvidence evidence, Candidate best)
    {
        var w = options.Confidence;
        var z = w.Intercept + (w.Margin * evidence.Margin) + (w.Coverage * evidence.Coverage) + (w.Vector * evidence.Vector) + (w.Agreement * best.Agreement / 2f);
        return 1 / (1 + MathF.Exp(-z));
    }
}
