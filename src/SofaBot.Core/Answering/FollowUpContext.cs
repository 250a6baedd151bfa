using SofaBot.Corpus;

namespace SofaBot.Answering;

/// <summary>What a reply to one of the bot's messages continues: the message the bot replied to, and the prior pairs
/// its reply showed (the answer it gave, or the earlier questions it offered). "那如果是 3 个节点呢" means nothing
/// alone; with the question it follows and the pair that answered it, it asks about that pair's project, and often
/// what the pair's own follow-up turns answered.</summary>
/// <param name="EarlierMessage">The question the bot replied to.</param>
/// <param name="Shown">The pairs (and turns) the reply showed, first the one it answered with.</param>
/// <param name="Answered">True when the reply was an answer (the first of <paramref name="Shown"/>); false when it
/// offered the pairs as possibly related.</param>
public sealed record FollowUpContext(string EarlierMessage, IReadOnlyList<ShownPair> Shown, bool Answered)
{
    /// <summary>The context a decision leaves for a reply to it: what the bot would have shown for it.</summary>
    public static FollowUpContext After(string message, AnswerDecision decision) => decision.Kind switch
    {
        DecisionKind.Answer when decision.Best is { } best => new(message, [new(best.Pair, best.Turn)], Answered: true),
        DecisionKind.Suggest => new(message, [.. decision.Candidates.Take(3).Select(c => new ShownPair(c.Pair, c.Turn))], Answered: false),
        _ => new(message, [], Answered: false),
    };
}

/// <summary>A prior pair a reply showed, through the turn it quoted.</summary>
public sealed record ShownPair(QaPair Pair, int Turn);
