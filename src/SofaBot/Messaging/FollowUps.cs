using Microsoft.Extensions.Logging;
using SofaBot.Answering;
using SofaBot.Retrieval;
using SofaBot.Storage;

namespace SofaBot.Messaging;

/// <summary>Reads a reply to one of the bot's messages with what that message continued. Every reply the bot sends is
/// remembered in the decision log (the question, the decision, the pairs it showed, the evidence); a message that
/// replies to one of them is decided with the earlier question and those pairs (<see cref="FollowUpContext"/>). A
/// reply to a message the log does not know (sent before the log existed, or by an instance with other data) is read
/// as a fresh question.</summary>
internal sealed partial class FollowUps(IDecisionLog log, ILogger<FollowUps> logger)
{
    /// <summary>What the message continues, or null when it replies to none of the bot's messages the log knows. A
    /// pair the corpus no longer has is left out of the context.</summary>
    public async Task<FollowUpContext?> FindAsync(IncomingMessage message, KnowledgeIndex index, CancellationToken cancellationToken)
    {
        if (message.RepliesToMessageId is not { } botMessage)
        {
            return null;
        }

        DecisionRecord? earlier;
        try
        {
            earlier = await log.FindByBotMessageAsync(message.Key.Channel, message.Key.ChatId, botMessage, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // the store failing costs the context, not the answer
            LogLookupFailed(message.Key, e.Message);
            return null;
        }

        if (earlier is null)
        {
            LogUnknown(message.Key, botMessage);
            return null;
        }

        var shown = earlier.Shown
            .Select(s => index.FindPair(s.PairId) is { } pair && s.Turn >= 0 && s.Turn < pair.Turns.Count ? new ShownPair(pair, s.Turn) : null)
            .OfType<ShownPair>()
            .ToList();
        // an answer whose pair is gone is no longer an answer the reply can continue
        var answered = earlier.Answered && shown.Count > 0 && shown[0].Pair.Id == earlier.Shown[0].PairId;
        return new FollowUpContext(earlier.QuestionText, shown, answered);
    }

    /// <summary>Remembers an answer maintainers approved and the bot posted, so that a reply to it continues it too.
    /// It carries no evidence: no decision of the bot's stands behind it, and calibration reads only those.</summary>
    public Task RememberPostedAsync(IncomingMessage message, Candidate answer, string? botMessageId, DateTimeOffset at) =>
        AddAsync(message, new DecisionRecord
        {
            Question = message.Key,
            QuestionText = message.Text,
            BotMessageId = botMessageId,
            Kind = DecisionKind.Answer,
            Answered = true,
            Shown = [new(answer.Pair.Id, answer.Turn)],
            Top = new(answer.Pair.Id, answer.Turn),
            Features = new Dictionary<string, float>(),
            Confidence = 1,
            MayAnswer = true,
            At = at,
        });

    /// <summary>Remembers what the bot decided about the message and what its reply showed. Called once the reply is
    /// sent (with the platform's id of the bot's message), or once a draft went to the maintainers without a reply.
    /// Never throws: a lost row costs a follow-up its context and calibration a label, not the reply.</summary>
    public async Task RememberAsync(IncomingMessage message, AnswerDecision decision, OutgoingReply? reply, string? botMessageId, DateTimeOffset at)
    {
        IReadOnlyList<ShownPairId> shown = reply switch
        {
            AnswerReply answer => [new(answer.Match.Pair.Id, answer.Match.Turn)],
            NoAnswerReply none => [.. none.Closest.Select(c => new ShownPairId(c.Pair.Id, c.Turn))],
            _ => [],
        };
        var record = new DecisionRecord
        {
            Question = message.Key,
            QuestionText = message.Text,
            BotMessageId = botMessageId,
            Kind = decision.Kind,
            Answered = reply is AnswerReply,
            Shown = shown,
            Top = decision.Best is { } best ? new ShownPairId(best.Pair.Id, best.Turn) : null,
            Features = decision.Evidence is { } evidence ? DecisionRecord.FeaturesOf(evidence) : [],
            Confidence = decision.Confidence,
            MayAnswer = MayAnswer(decision),
            At = at,
        };
        await AddAsync(message, record);
    }

    private async Task AddAsync(IncomingMessage message, DecisionRecord record)
    {
        try
        {
            // not the handler's token: the reply went out, its record must not be lost to a shutdown
            await log.AddAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogNotRemembered(message.Key, e.Message);
        }
    }

    /// <summary>See <see cref="DecisionRecord.MayAnswer"/>: what the decision says about whether a lower bar would
    /// have answered with its match.</summary>
    private static bool MayAnswer(AnswerDecision decision) => decision.Evidence is { } evidence && AnswerDecider.MayAnswer(evidence);

    [LoggerMessage(3050, LogLevel.Debug, "{Key} replies to the bot's message {BotMessage}, which the decision log does not know; read as a fresh question")]
    private partial void LogUnknown(MessageKey key, string botMessage);

    [LoggerMessage(3051, LogLevel.Warning, "Could not look up what {Key} replies to ({Reason}); read as a fresh question")]
    private partial void LogLookupFailed(MessageKey key, string reason);

    [LoggerMessage(3052, LogLevel.Warning, "Could not remember the decision on {Key} in the decision log ({Reason}); a reply to it will be read as a fresh question")]
    private partial void LogNotRemembered(MessageKey key, string reason);
}
