using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Review;

namespace SofaBot.Messaging;

/// <summary>What to say to a message, if anything. The group-etiquette rules live here.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Not addressed to the bot: silence, unless proactive answers are on and the match is confident and the
/// message reads like a question.</item>
/// <item>Addressed with no question (a bare mention, <c>/ask</c> alone), or <c>/start</c>, <c>/help</c>: what the bot
/// does.</item>
/// <item>Addressed with small talk ("谢谢", an emoji in reply to the bot): silence; answering thanks is noise.</item>
/// <item>Addressed, confident: the prior answer. Addressed, not confident: the plausible candidates under "not sure it
/// is the same question", or an honest "no prior answer"; and where to ask. Never a guess. The maintainers get the
/// message to review.</item>
/// </list>
/// The serve host plans with the index it keeps; <c>ask</c> with the one it loaded, so it prints what the group gets.
/// </remarks>
internal sealed class ReplyPlanner(ProjectCatalog catalog, ChatLanguage language, FollowUps followUps, IOptions<AnsweringOptions> answering, IOptions<ChatOptions> chat)
{
    /// <summary>Plausible prior questions a reply without a confident answer lists at most.</summary>
    public const int MaxClosest = 3;

    /// <summary>Plans the reply; a message that replies to one of the bot's messages is read with what that message
    /// continued (<see cref="FollowUps"/>).</summary>
    public async Task<ReplyPlan> PlanAsync(IncomingMessage message, KnowledgeIndex index, CancellationToken cancellationToken) =>
        await PlanAsync(message, index, await followUps.FindAsync(message, index, cancellationToken), cancellationToken);

    /// <summary>Plans the reply to a message read with <paramref name="context"/> (null: a fresh question).</summary>
    public async Task<ReplyPlan> PlanAsync(IncomingMessage message, KnowledgeIndex index, FollowUpContext? context, CancellationToken cancellationToken)
    {
        var text = message.Text.Trim();
        var english = language.IsEnglish(message);
        var addressed = message.Addressing != Addressing.None;
        if (message.Addressing == Addressing.HelpCommand)
        {
            return new(new HelpReply(english), "help command");
        }

        if (!addressed && !chat.Value.ProactiveAnswers)
        {
            return new(null, "not addressed to the bot");
        }

        if (addressed && text.Length == 0)
        {
            return new(new HelpReply(english), "addressed without a question");
        }

        var decision = await index.DecideAsync(text, context, cancellationToken: cancellationToken);
        if (decision is { Kind: DecisionKind.Answer, Best: { } best } && (addressed || QuestionShape.IsQuestion(text)))
        {
            // an answer to a follow-up says what it continues: the reply alone may not say which question it goes on
            return new(new AnswerReply(best, answering.Value.MaxAnswerChars, english, context?.EarlierMessage), Reasoned(decision, context), decision);
        }

        if (!addressed)
        {
            // proactive mode: an uncertain match on a real question is a draft for the maintainers, never a public guess
            return decision.Kind == DecisionKind.Suggest && QuestionShape.IsQuestion(text)
                ? new(null, "not addressed to the bot: " + decision.Reason + "; suggested to the maintainers", decision, ReviewReason.Suggest)
                : new(null, "not addressed to the bot: " + decision.Reason, decision);
        }

        if (MessageGate.NotAQuestion(text) is { } notAQuestion)
        {
            return new(null, notAQuestion, decision);
        }

        var suggest = decision.Kind == DecisionKind.Suggest;
        // the retriever gives one candidate per pair and per republished copy
        IReadOnlyList<Candidate> closest = suggest ? [.. decision.Candidates.Take(MaxClosest)] : ShowsBest(decision) ? [decision.Best!] : [];
        var askAt = catalog.FindNamed(text).OrderByDescending(p => p.Value).Select(p => p.Key).FirstOrDefault(p => !p.IsOrganization)
            ?? closest.Select(c => catalog.FindByName(c.Pair.Project.Name)).FirstOrDefault()
            ?? catalog.Fallback;
        return new(new NoAnswerReply(closest, askAt, english), Reasoned(decision, context), decision, suggest ? ReviewReason.Suggest : ReviewReason.NoAnswer);
    }

    /// <summary>The decision's reason, saying what a follow-up was read with (for the log and the store).</summary>
    private static string Reasoned(AnswerDecision decision, FollowUpContext? context) =>
        context is null ? decision.Reason : $"{decision.Reason}; read as a follow-up of \"{TextCut.AtSentenceEnd(context.EarlierMessage, 60)}\"";

    /// <summary>An ignored question about SOFAStack whose best match clears <c>Answering:ShowClosestMinConfidence</c>:
    /// too weak to draft, yet worth a look under "not sure". Never for small talk or other software: those are not
    /// about SOFAStack.</summary>
    private bool ShowsBest(AnswerDecision decision) =>
        decision is { Kind: DecisionKind.Ignore, Evidence.InDomain: true, Best: not null }
        && decision.Confidence >= answering.Value.ShowClosestMinConfidence;
}

/// <summary>The reply to send (null: stay silent) and why, for the log and the store; the decision, when one was made;
/// and whether the maintainers should review the message (choosing from the decision's candidates).</summary>
internal sealed record ReplyPlan(OutgoingReply? Reply, string Reason, AnswerDecision? Decision = null, ReviewReason? Review = null)
{
    /// <summary>The reply once the review item is settled: it says the maintainers were asked only when an item was
    /// opened (or found, for a message handled again), never when a rejection of the same question held it.</summary>
    public OutgoingReply? ReplyAfterReview(bool itemOpened) =>
        itemOpened && Reply is NoAnswerReply none ? none with { MaintainersAsked = true } : Reply;
}
