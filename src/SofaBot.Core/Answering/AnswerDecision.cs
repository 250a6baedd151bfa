using SofaBot.Retrieval;

namespace SofaBot.Answering;

/// <summary>What SofaBot decided about a message, and why.</summary>
/// <param name="Kind">Answer, suggest or ignore.</param>
/// <param name="Reason">Why, in words an operator reads in logs and in <c>ask</c>.</param>
/// <param name="Candidates">The closest prior pairs, best first (empty for messages that are not questions).</param>
/// <param name="Evidence">The evidence for the best candidate, when there is one.</param>
/// <param name="Confidence">How likely the best candidate answers the message (0–1).</param>
public sealed record AnswerDecision(DecisionKind Kind, string Reason, IReadOnlyList<Candidate> Candidates, MatchEvidence? Evidence, float Confidence)
{
    public Candidate? Best => Candidates.Count > 0 ? Candidates[0] : null;

    public static AnswerDecision Ignore(string reason, IReadOnlyList<Candidate>? candidates = null, MatchEvidence? evidence = null, float confidence = 0) =>
        new(DecisionKind.Ignore, reason, candidates ?? [], evidence, confidence);
}
