using SofaBot.Answering;
using SofaBot.Retrieval;

namespace SofaBot.Mcp;

/// <summary>What <c>search_prior_answers</c> returns: the bot's decision on the question, as if it were asked in a group
/// with the bot mentioned, and the candidates it weighed.</summary>
/// <param name="Decision"><c>answer</c> (the bot would reply with candidate 1), <c>suggest</c> (plausible: it would say
/// it is not sure and ask the maintainers), or <c>no_answer</c> (nothing close enough, or not a question).</param>
/// <param name="Reason">Why, as the bot states it in its log and in <c>ask</c>.</param>
/// <param name="Confidence">How likely candidate 1 answers the question (0–1).</param>
internal sealed record PriorAnswerSearch(string Question, string Decision, string Reason, double Confidence, IReadOnlyList<PriorAnswer> Candidates)
{
    public static PriorAnswerSearch From(string question, AnswerDecision decision, int limit) => new(
        question,
        decision.Kind switch
        {
            DecisionKind.Answer => "answer",
            DecisionKind.Suggest => "suggest",
            _ => "no_answer",
        },
        decision.Reason,
        Math.Round(decision.Confidence, 3),
        [.. decision.Candidates.Take(limit).Select((c, i) => PriorAnswer.From(c, i + 1))]);
}

/// <summary>One prior Q&amp;A the question matched, through its best-matching turn.</summary>
/// <param name="Turn">The turn that matched (0: the pair's first question; later: a follow-up).</param>
/// <param name="Score">The fused ranking score (words and vectors).</param>
internal sealed record PriorAnswer(int Rank, string PairId, int Turn, string Question, string Answer, double Score, ProjectJson Project, WeeklyJson Weekly)
{
    public static PriorAnswer From(Candidate candidate, int rank)
    {
        var pair = candidate.Pair;
        var turn = pair.Turns[candidate.Turn];
        return new(rank, pair.Id, candidate.Turn, turn.Question, turn.Answer, Math.Round(candidate.Score, 4), ProjectJson.From(pair.Project), WeeklyJson.From(pair.Weekly));
    }
}
