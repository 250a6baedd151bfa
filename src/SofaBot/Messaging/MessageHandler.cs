using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Diagnostics;
using SofaBot.Hosting;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Telemetry;

namespace SofaBot.Messaging;

/// <summary>Handles one received message from start to finish: plans the reply and opens the review item it calls for
/// (in one of the <see cref="ChatSlots"/>), has the message's channel send the reply (holding no slot), and records
/// the outcome, which is what makes the message "done" for the dedupe and the resume.</summary>
/// <remarks>A platform or store that fails for now is waited out (<see cref="Patience"/>) until the message is too old
/// to answer; only a refusal that retrying cannot fix, or a reply that may already have arrived, fails a message.</remarks>
internal sealed partial class MessageHandler(
    KnowledgeIndexService index,
    ReplyPlanner planner,
    FollowUps followUps,
    ReviewQueue review,
    IEnumerable<IChatChannel> channels,
    IStateStore store,
    ChatSlots slots,
    Clock clock,
    IOptions<ChatOptions> options,
    BotMetrics metrics,
    Drafts.AnswerTranslator translator,
    ILogger<MessageHandler> logger)
{
    private readonly Dictionary<string, IChatChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <param name="message">The message, as the inbox recorded it.</param>
    /// <param name="received">A <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> of when the message was queued,
    /// for the reply latency.</param>
    /// <param name="cancellationToken">Shutdown: the message stays unfinished and is resumed at the next start.</param>
    public async Task HandleAsync(IncomingMessage message, long received, CancellationToken cancellationToken)
    {
        var patience = new Patience(clock, message.ReceivedAt ?? clock.UtcNow, TimeSpan.FromHours(options.Value.MaxMessageAgeHours));
        try
        {
            var (plan, item) = await PrepareAsync(message, patience, cancellationToken);
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

            // off by default; bounded by Assistant:TimeoutSeconds, and on any failure the answer goes out alone
            reply = await translator.AddAsync(reply, cancellationToken);
            var sent = await SendAsync(channel, message, reply, patience, cancellationToken);
            metrics.Replied(channel.Name, received);
            await RememberAsync(message, plan, reply, sent);
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

    /// <summary>Plans the reply and opens the review item, in a slot; a store that fails for now is waited out,
    /// without the slot.</summary>
    private async Task<(ReplyPlan Plan, ReviewItem? Item)> PrepareAsync(IncomingMessage message, Patience patience, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var slot = await slots.TakeAsync(cancellationToken);
                var plan = await planner.PlanAsync(message, await index.GetAsync(cancellationToken), cancellationToken);
                // the item is stored before the reply goes out: a crash after the reply cannot lose it, and handling
                // the message again finds the same item. The reply says whether the maintainers were asked.
                var item = plan.Review is { } reason ? await review.OpenAsync(message, reason, plan.Decision!, cancellationToken) : null;
                if (plan.Decision is { } made)
                {
                    metrics.Decision(made.Kind);
                }

                return (plan, item);
            }
            catch (Exception e) when (StoreFaults.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                var waited = await patience.WaitAsync(e.Message, null, cancellationToken);
                LogStoreWait(message.Key, e.Message, waited.TotalSeconds);
            }
        }
    }

    /// <summary>Sends the reply; a platform that fails for now is waited out, holding no slot.</summary>
    private async Task<string?> SendAsync(IChatChannel channel, IncomingMessage message, OutgoingReply reply, Patience patience, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await channel.SendAsync(message, reply, cancellationToken);
            }
            catch (Exception e) when ((e is ReplyDeferredException || StoreFaults.IsTransient(e)) && !cancellationToken.IsCancellationRequested)
            {
                var waited = await patience.WaitAsync(e.Message, (e as ReplyDeferredException)?.RetryAfter, cancellationToken);
                metrics.SendRetried(channel.Name);
                LogSendWait(message.Key, e.Message, waited.TotalSeconds, patience.Waits);
            }
        }
    }

    /// <summary>Keeps what a reply to the bot's message needs. The reply is out: a failure here costs follow-ups, and
    /// must not make the message fail and be answered again.</summary>
    private async Task RememberAsync(IncomingMessage message, ReplyPlan plan, OutgoingReply reply, string? sent)
    {
        if (plan.Decision is not { } decision)
        {
            return;
        }

        try
        {
            await followUps.RememberAsync(message, decision, reply, sent, clock.UtcNow);
        }
        catch (Exception e)
        {
            LogNotRemembered(message.Key, e.Message);
        }
    }

    /// <summary>Tells the maintainers' desks (the Telegram review chat) after the asker has their reply.</summary>
    private Task AnnounceAsync(ReviewItem? item, CancellationToken cancellationToken) =>
        item is null ? Task.CompletedTask : review.AnnounceAsync(item, cancellationToken);

    /// <summary>Records the outcome, waiting out a store that fails for now (a few times): a reply that went out but is
    /// not recorded is sent again after a restart.</summary>
    private async Task FinishAsync(MessageKey key, MessageOutcome outcome, string detail)
    {
        metrics.Message(key.Channel, outcome);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // not the handler's token: a reply that went out must be recorded even while shutting down
                await store.FinishAsync(key, outcome, detail, clock.UtcNow, CancellationToken.None);
                return;
            }
            catch (Exception e) when (StoreFaults.IsTransient(e) && attempt < 5)
            {
                await clock.WaitAsync(TimeSpan.FromSeconds(1 << attempt), CancellationToken.None);
            }
            catch (Exception e)
            {
                LogNotRecorded(e, key, outcome);
                return;
            }
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

    [LoggerMessage(3015, LogLevel.Warning, "Reply to {Key} not sent yet ({Reason}); waited {Seconds:0} s to try again (wait {Waits})")]
    private partial void LogSendWait(MessageKey key, string reason, double seconds, int waits);

    [LoggerMessage(3016, LogLevel.Warning, "The store failed while handling {Key} ({Reason}); waited {Seconds:0} s to try again")]
    private partial void LogStoreWait(MessageKey key, string reason, double seconds);

    [LoggerMessage(3017, LogLevel.Warning, "The reply to {Key} went out, but what a reply to it needs could not be kept: {Reason}")]
    private partial void LogNotRemembered(MessageKey key, string reason);
}
