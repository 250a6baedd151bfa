using SofaBot.Retrieval;

namespace SofaBot.Answering;

/// <summary>Decides, for one message, whether SofaBot answers it, drafts a suggestion for the maintainers, or stays
/// silent. This is where "know when there is no answer" lives.</summary>
/// <remarks>
/// The order of the checks:
/// <list type="number">
/// <item>not a question at all (empty, emoji, greeting, thanks, an announcement): ignore;</item>
/// <item>retrieve candidates, rank them by how much of the message they cover, and weigh the best one's evidence into
/// a confidence. Doubts are part of that evidence: a message that names something the weeklies never mention
/// (PostgreSQL, witness), or names and hints at no SOFAStack project, needs a stronger match;</item>
/// <item>answer when confident and the match has some of what the message asks, unless the message names another
/// project than the match's: that stays a hard stop;</item>
/// <item>suggest when plausible; otherwise stay silent.</item>
/// </list>
/// </remarks>
public sealed class AnswerDecider(QaRetriever retriever, AnsweringOptions options)
{
    /// <summary>What of a message is read: a question fits in far less; beyond it is a pasted log that adds cost,
    /// not meaning.</summary>
    public const int MaxAnalyzedChars = 4000;

    /// <summary>Candidates ranked by coverage before the best are kept: enough to reach a well-covering candidate
    /// the fused score put a few places down.</summary>
    private const int RerankPool = 12;

    private readonly EvidenceBuilder _evidence = new(retriever);

    public QaRetriever Retriever => retriever;

    public Task<AnswerDecision> DecideAsync(string message, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default) =>
        DecideAsync(message, null, mode, cancellationToken);

    /// <param name="message">The message, as typed.</param>
    /// <param name="context">What the message continues, when it replies to the bot.</param>
    /// <param name="mode">Which rankers to use.</param>
    /// <param name="cancellationToken">Stops a remote embedder's call.</param>
    public async Task<AnswerDecision> DecideAsync(string message, FollowUpContext? context, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default)
    {
        if (MessageGate.NotAQuestion(message) is { } notAQuestion)
        {
            return AnswerDecision.Ignore(notAQuestion);
        }

        var query = retriever.Analyzer.Analyze(Cut(message));
        if (context is not null)
        {
            query = query.Continuing(retriever.Analyzer.Analyze(Cut(context.EarlierMessage)), EarlierWeight);
        }

        var found = await retriever.SearchAsync(query, Math.Max(RerankPool, options.Candidates), mode, cancellationToken);
        var concepts = _evidence.Concepts(query);
        if (context is not null)
        {
            found = WithEarlierPairs(concepts, found, context);
        }

        if (found.Count == 0)
        {
            return AnswerDecision.Ignore("nothing in the weeklies shares a word with the message");
        }

        var candidates = RankByCoverage(concepts, found, context);
        var evidence = _evidence.Build(query, concepts, candidates, context);
        var confidence = ConfidenceFeatures.Confidence(options.Confidence, evidence);
        var shown = candidates.Take(options.Candidates).ToList();
        var read = Read(query);

        if (evidence.ProjectConflict)
        {
            var conflict = $"the message names {string.Join("/", query.NamedProjects.Select(p => p.Name))}, the match is about {candidates[0].Pair.Project.Name}";
            return confidence >= options.SuggestMinConfidence
                ? new AnswerDecision(DecisionKind.Suggest, $"match ({confidence:0.00}) held back: {conflict}{read}", shown, evidence, confidence)
                : AnswerDecision.Ignore($"nothing close enough (confidence {confidence:0.00} < {options.SuggestMinConfidence:0.00}; {conflict}){read}", shown, evidence, confidence);
        }

        var doubts = Doubts(evidence);
        var lowered = doubts.Count == 0 ? "" : $" (lowered: {string.Join("; ", doubts)})";
        var answers = evidence.Coverage >= MinCoverageToAnswer; // no project conflict here: that was handled above
        if (confidence >= options.AutoAnswerMinConfidence && answers)
        {
            return new AnswerDecision(DecisionKind.Answer, $"confident match ({confidence:0.00}){lowered}{read}", shown, evidence, confidence);
        }

        if (confidence >= options.SuggestMinConfidence)
        {
            // the reason says which bar the match missed: maintainers read it on the review item
            var why = answers
                ? $"plausible match: confidence {confidence:0.00} < {options.AutoAnswerMinConfidence:0.00}"
                : $"match ({confidence:0.00}) held back: it has none of what the message asks (coverage {evidence.Coverage:0.00})";
            return new AnswerDecision(DecisionKind.Suggest, $"{why}{lowered}{read}", shown, evidence, confidence);
        }

        return AnswerDecision.Ignore(
            evidence.InDomain ? $"nothing close enough (confidence {confidence:0.00} < {options.SuggestMinConfidence:0.00}){lowered}{read}" : $"not about SOFAStack and nothing close ({confidence:0.00}){read}",
            shown, evidence, confidence);
    }

    /// <summary>A match that has almost none of what the message asks does not answer it, however the rest of its
    /// evidence looks ("那 kafka 呢" after an answer about RabbitMQ: the conversation fits, kafka is in no answer).</summary>
    private const float MinCoverageToAnswer = 0.05f;

    /// <summary>Whether nothing but the confidence decides if this match is answered: the message names no other
    /// project, and the match has some of what it asks. Calibration counts only such matches when it places the bar.</summary>
    public static bool MayAnswer(MatchEvidence evidence) => !evidence.ProjectConflict && evidence.Coverage >= MinCoverageToAnswer;

    /// <summary>How much the earlier message's words count in a reply's search, against the reply's own.</summary>
    private const float EarlierWeight = 0.5f;

    /// <summary>What a pair the bot showed for the earlier message adds to its ranking score in a reply.</summary>
    private const float ShownPairBonus = 0.3f;

    private static string Cut(string message) => message.Length > MaxAnalyzedChars ? message[..MaxAnalyzedChars] : message;

    /// <summary>A reply most often asks what the pair the bot showed answers further on ("那如果是 3 个节点呢" after an
    /// answer about 5 nodes; the weekly printed the follow-up too): each shown pair is a candidate, through its turn
    /// that covers the reply best (a later turn on a tie), and ranks a little higher.</summary>
    private List<Candidate> WithEarlierPairs(MessageConcepts concepts, List<Candidate> found, FollowUpContext context)
    {
        var result = new List<Candidate>(found);
        foreach (var shown in context.Shown)
        {
            var units = retriever.UnitsOf(shown.Pair.Id).Where(u => !u.IsAlternate).ToList();
            if (units.Count == 0)
            {
                continue;
            }

            var bestTurn = units.Select(u => (Unit: u, Coverage: concepts.Of(u.Id).All)).OrderByDescending(u => u.Coverage).ThenByDescending(u => u.Unit.Turn).First().Unit;
            var at = result.FindIndex(c => c.Pair.Id == shown.Pair.Id);
            var floor = found.Count > 0 ? found[^1].Score : 0;
            var candidate = at >= 0
                ? result[at] with { Turn = bestTurn.Turn, Unit = bestTurn.Id, Score = result[at].Score + ShownPairBonus }
                : new Candidate(shown.Pair, bestTurn.Turn, 0, 0, floor + ShownPairBonus, 0, bestTurn.Id);
            if (at >= 0)
            {
                result[at] = candidate;
            }
            else
            {
                result.Add(candidate);
            }
        }

        return result; // ordered by RankByCoverage, which comes next
    }

    /// <summary>The candidates re-ranked by their fused score plus their coverage of the message: siblings (the
    /// same question answered differently in two weeklies) and other pairs' follow-up turns otherwise win on a
    /// score that ignores how much of the message they answer. A later turn ranks a little lower, unless it belongs
    /// to a pair the message continues (see <see cref="AnsweringOptions.LaterTurnPenalty"/>).</summary>
    private List<Candidate> RankByCoverage(MessageConcepts concepts, List<Candidate> found, FollowUpContext? context)
    {
        var ranked = found.ConvertAll(c =>
        {
            var coverage = concepts.Of(c.Unit).All;
            var continued = context is not null && context.Shown.Any(s => s.Pair.Id == c.Pair.Id);
            var laterTurn = c.Turn > 0 && !continued ? options.LaterTurnPenalty : 0;
            return c with { Score = c.Score + (options.CoverageRankWeight * coverage) - laterTurn, Coverage = coverage };
        });
        ranked.Sort((a, b) => b.Score.CompareTo(a.Score));
        return ranked;
    }

    /// <summary>What makes the match less certain than its words suggest, in words for the reason.</summary>
    private static List<string> Doubts(MatchEvidence evidence)
    {
        var doubts = new List<string>();
        if (evidence.MissingName is { } name)
        {
            doubts.Add($"the weeklies never mention \"{name}\"");
        }

        if (!evidence.InDomain)
        {
            doubts.Add("the message names no SOFAStack project");
        }

        return doubts;
    }

    /// <summary>Words read as other words, for the reason ("; read jarft as jraft").</summary>
    private static string Read(Query query) =>
        query.Corrections.Count == 0 ? "" : "; read " + string.Join(", ", query.Corrections.Select(c => $"{c.Typed} as {c.Read}"));
}
