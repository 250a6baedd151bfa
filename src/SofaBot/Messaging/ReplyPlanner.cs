using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Hosting;
using SofaBot.Projects;
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
/// <item>Addressed, confident: the prior answer. Addressed, not confident: an honest "no prior answer", the plausible
/// candidates, and where to ask. Never a guess. The maintainers get the message to review.</item>
/// </list>
/// </remarks>
internal sealed class ReplyPlanner(KnowledgeIndexService index, ProjectCatalog catalog, ChatLanguage language, IOptions<AnsweringOptions> answering, IOptions<ChatOptions> chat)
{
    /// <summary>Closest candidates a "no prior answer" reply lists.</summary>
    public const int MaxClosest = 3;

    public async Task<ReplyPlan> PlanAsync(IncomingMessage message, CancellationToken cancellationToken)
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

        var decision = await (await index.GetAsync(cancellationToken)).DecideAsync(text, cancellationToken: cancellationToken);
        if (decision is { Kind: DecisionKind.Answer, Best: { } best } && (addressed || QuestionShape.IsQuestion(text)))
        {
            return new(new AnswerReply(best, answering.Value.MaxAnswerChars, english), decision.Reason);
        }

        if (!addressed)
        {
            // proactive mode: an uncertain match on a real question is a draft for the maintainers, never a public guess
            return decision.Kind == DecisionKind.Suggest && QuestionShape.IsQuestion(text)
                ? new(null, "not addressed to the bot: " + decision.Reason + "; suggested to the maintainers", decision, ReviewReason.Suggest)
                : new(null, "not addressed to the bot: " + decision.Reason);
        }

        if (MessageGate.NotAQuestion(text) is { } notAQuestion)
        {
            return new(null, notAQuestion);
        }

        var suggest = decision.Kind == DecisionKind.Suggest;
        // the retriever gives one candidate per pair and per republished copy
        var closest = suggest ? decision.Candidates.Take(MaxClosest).ToList() : [];
        var askAt = catalog.FindNamed(text).OrderByDescending(p => p.Value).Select(p => p.Key).FirstOrDefault(p => !p.IsOrganization)
            ?? closest.Select(c => catalog.FindByName(c.Pair.Project.Name)).FirstOrDefault()
            ?? catalog.Fallback;
        return new(new NoAnswerReply(closest, askAt, english), decision.Reason, decision, suggest ? ReviewReason.Suggest : ReviewReason.NoAnswer);
    }
}

/// <summary>The reply to send (null: stay silent) and why, for the log and the store; and whether the maintainers
/// should review the message (with the decision whose candidates they choose from).</summary>
internal sealed record ReplyPlan(OutgoingReply? Reply, string Reason, AnswerDecision? Decision = null, ReviewReason? Review = null);
