using Microsoft.Extensions.Logging;
using SofaBot.Diagnostics;
using SofaBot.Hosting;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Telemetry;

namespace SofaBot.Messaging;

/// <summary>Handles one received message from start to finish: plans the reply, opens the review item it calls for,
/// has the message's channel send the reply, and records the outcome, which is what makes the message "done" for the
/// dedupe and the resume.</summary>
internal sealed partial class MessageHandler(KnowledgeIndexService index, ReplyPlanner planner, FollowUps followUps, ReviewQueue review, IEnumerable<IChatChannel> channels, IStateStore store, Clock clock, BotMetrics metrics, ILogger<MessageHandler> logger)
{
    private readonly Dictionary<string, IChatChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <param name="received">A <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> of when the message was queued,
    /// for the reply latency.</param>
    public async Task HandleAsync(IncomingMessage message, long received, CancellationToken cancellationToken)
    {
        try
        {
            var plan = await planner.PlanAsync(message, await index.GetAsync(cancellationToken), cancellationToken);
            if (plan.Decision is { } made)
            {
                metrics.Decision(made.Kind);
            }

            // the item is stored before the reply goes out: a crash after the reply cannot lose it, and handling the
            // message again after a crash finds the same item. The reply says whether the maintainers were asked.
            var item = plan.Review is { } reason ? await review.OpenAsync(message, reason, plan.Decision!, cancellationToken) : null;
            var reply = plan.ReplyAfterReview(itemOpened: item is not null);
            if (reply is null)
            {
                if (item is not null)
                {
                    // a draft with no reply (proactive mode): what maintainers decide on it labels the decision
                    await followUps.RememberAsync(message, plan.Decision!, null, null, clock.UtcNow);
                }

                LogSkipped(message.Key, plan.Reason);
                await FinishAsync(message.Key, MessageOutcome.Skipped, plan.Reason);
                await AnnounceAsync(item, cancellationToken);
                return;
            }

            if (!_channels.TryGetValue(message.Key.Channel, out var channel))
            {
                throw new ReplyRejectedException($"channel \"{message.Key.Channel}\" is not configured in this instance");
            }

            var sent = await channel.SendAsync(message, reply, cancellationToken);
            metrics.Replied(channel.Name, received);
            if (plan.Decision is { } decision)
            {
                await followUps.RememberAsync(message, decision, reply, sent, clock.UtcNow);
            }

            LogReplied(message.Key, plan.Reason);
            await FinishAsync(message.Key, MessageOutcome.Replied, plan.Reason);
            await AnnounceAsync(item, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down: the message stays unfinished in the store and is resumed at the next start
        }
        catch (ReplyRejectedException e)
        {
            LogRejected(message.Key, LogMessages.Reason(e));
            await FinishAsync(message.Key, MessageOutcome.Failed, LogMessages.Reason(e));
        }
        catch (Exception e)
        {
            LogFailed(e, message.Key);
            await FinishAsync(message.Key, MessageOutcome.Failed, LogMessages.Reason(e));
        }
    }

    /// <summary>Tells the maintainers' desks (the Telegram review chat) after the asker has their reply.</summary>
    private Task AnnounceAsync(ReviewItem? item, CancellationToken cancellationToken) =>
        item is null ? Task.CompletedTask : review.AnnounceAsync(item, cancellationToken);

    private async Task FinishAsync(MessageKey key, MessageOutcome outcome, string detail)
    {
        metrics.Message(key.Channel, outcome);
        try
        {
            // not the handler's token: a reply that went out must be recorded even while shutting down
            await store.FinishAsync(key, outcome, detail, clock.UtcNow, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogNotRecorded(e, key, outcome);
        }
    }

    [LoggerMessage(3010, LogLevel.Information, "Replied to {Key}: {Reason}")]
    private partial void LogReplied(MessageKey key, string reason);

    [LoggerMessage(3011, LogLevel.Debug, "No reply to {Key}: {Reason}")]
    private partial void LogSkipped(MessageKey key, string reason);

    [LoggerMessage(3012, LogLevel.Warning, "Reply to {Key} was refused: {Reason}")]
    private partial void LogRejected(MessageKey key, string reason);

    [LoggerMessage(3013, LogLevel.Error, "Handling {Key} failed; the worker carries on")]
    private partial void LogFailed(Exception e, MessageKey key);

    [LoggerMessage(3014, LogLevel.Error, "Could not record {Key} as {Outcome}; it may be handled again after a restart")]
    private partial void LogNotRecorded(Exception e, MessageKey key, MessageOutcome outcome);
}
