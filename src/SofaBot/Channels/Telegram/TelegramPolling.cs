using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Hosting;
using SofaBot.Messaging;
using SofaBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace SofaBot.Channels.Telegram;

/// <summary>Long polling (<c>getUpdates</c>). The offset moves past an update only once the update is in the
/// store's inbox, from where it is answered or deliberately skipped and resumed after a restart; the offset itself is
/// stored too, so a restart neither loses nor repeats a reply.</summary>
/// <remarks>Telegram serves one <c>getUpdates</c> client per bot and answers a second with 409 Conflict, so replicas
/// sharing a store poll in turn: only the holder of a lease in the store polls, renewing it before every request
/// (each at most a third of <see cref="ChatOptions.LeaseSeconds"/> long); the others check every second and take
/// over once it is given up (a clean stop) or has run out (a crash, <c>kill -9</c>), from the offset it stored.
/// </remarks>
internal sealed partial class TelegramPolling(
    ITelegramBotClient client, TelegramBot bot, TelegramIntake intake, IStateStore store, Clock clock, Replica replica,
    IOptions<TelegramOptions> options, IOptions<ChatOptions> chat, ILogger<TelegramPolling> logger) : BackgroundService
{
    /// <summary>How often a replica that does not poll checks whether the lease is free.</summary>
    private static readonly TimeSpan StandbyCheck = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled || settings.IsWebhook)
        {
            return;
        }

        try
        {
            await PollAsync(settings, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(TelegramOptions settings, CancellationToken stoppingToken)
    {
        if (await bot.ConnectAsync(stoppingToken) is not { } me)
        {
            return;
        }

        var lease = $"telegram:{settings.BotId}:polling";
        // the holder's lease runs out a check before LeaseSeconds, so the replica that checks next takes over within them
        var leaseFor = TimeSpan.FromSeconds(chat.Value.LeaseSeconds) - StandbyCheck;
        var pollSeconds = Math.Min(settings.PollTimeoutSeconds, Math.Max(1, chat.Value.LeaseSeconds / 3));
        var holding = false;
        try
        {
            var standingBy = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.UtcNow;
                if (!await HoldAsync(lease, now, now + leaseFor, stoppingToken))
                {
                    if (!standingBy)
                    {
                        LogStandingBy();
                    }

                    standingBy = true;
                    // real time, like the other housekeeping loops: a test's fast clock must not make it spin
                    await Task.Delay(StandbyCheck, stoppingToken);
                    continue;
                }

                holding = true;
                standingBy = false;
                if (!await PollWhileHoldingAsync(settings, me, lease, leaseFor, pollSeconds, stoppingToken))
                {
                    return;
                }

                // lost it: another replica polls now
                holding = false;
            }
        }
        finally
        {
            if (holding)
            {
                await GiveUpAsync(lease);
            }
        }
    }

    /// <summary>Polls while this replica holds the lease, renewing it before every request. True when it lost the
    /// lease (stand by again); false when Telegram rejected the token (stop: no replica can poll).</summary>
    private async Task<bool> PollWhileHoldingAsync(TelegramOptions settings, User me, string lease, TimeSpan leaseFor, int pollSeconds, CancellationToken stoppingToken)
    {
        var cursor = $"telegram:{settings.BotId}:offset";
        long? offset = null;
        var offsetRead = false;
        var failures = 0;
        var webhookCleared = false;
        var justTaken = true; // the caller took the lease a moment ago: the first request needs no renewal
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.UtcNow;
                if (!justTaken && !await HoldAsync(lease, now, now + leaseFor, stoppingToken))
                {
                    LogLostLease();
                    return true;
                }

                justTaken = false;

                if (!offsetRead)
                {
                    // the offset another replica stored while it polled: this one goes on from there
                    offset = await store.GetCursorAsync(cursor, stoppingToken);
                    offsetRead = true;
                    LogPolling(offset);
                }

                if (!webhookCleared)
                {
                    // polling and a webhook exclude each other; pending updates are kept
                    await client.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
                    webhookCleared = true;
                }

                var updates = await client.SendRequest(new TelegramRawUpdatesRequest { Offset = offset, Timeout = pollSeconds }, stoppingToken);
                foreach (var raw in updates)
                {
                    await intake.AcceptAsync(raw, me, stoppingToken);
                    if (TelegramIntake.UpdateId(raw) is { } id)
                    {
                        offset = Math.Max(offset ?? 0, id + 1);
                    }
                }

                if (updates.Length > 0)
                {
                    await store.SetCursorAsync(cursor, offset!.Value, stoppingToken);
                }

                failures = 0;
            }
            catch (RequestException e) when (TelegramFailure.IsUnauthorized(e))
            {
                LogStopped(e.Message);
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Telegram or the store failed: poll again from the last update that reached the inbox. A wait longer
                // than the lease lets another replica take over, which is right for a replica that cannot poll
                var wait = TelegramBot.Backoff(++failures);
                LogPollFailed(e.Message, wait.TotalSeconds);
                await clock.WaitAsync(wait, stoppingToken);
            }
        }

        return true;
    }

    /// <summary>Takes or renews the lease; a store that fails counts as not holding it (another replica may).</summary>
    private async Task<bool> HoldAsync(string lease, DateTimeOffset now, DateTimeOffset until, CancellationToken stoppingToken)
    {
        try
        {
            return await store.TryHoldLeaseAsync(lease, replica.Id, now, until, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogLeaseFailed(e.Message);
            return false;
        }
    }

    /// <summary>A clean stop gives the lease up, so another replica polls at once rather than when it runs out.</summary>
    private async Task GiveUpAsync(string lease)
    {
        try
        {
            await store.ReleaseLeaseAsync(lease, replica.Id, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogLeaseFailed(e.Message);
        }
    }

    [LoggerMessage(3130, LogLevel.Information, "Telegram: polling for updates from offset {Offset}")]
    private partial void LogPolling(long? offset);

    [LoggerMessage(3131, LogLevel.Warning, "Telegram polling failed: {Reason}; polling again in {Seconds:0} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(3132, LogLevel.Error, "Telegram polling stopped: {Reason}. Check Channels:Telegram:BotToken")]
    private partial void LogStopped(string reason);

    [LoggerMessage(3133, LogLevel.Information, "Telegram: another replica polls for updates; this one stands by and takes over if it stops")]
    private partial void LogStandingBy();

    [LoggerMessage(3134, LogLevel.Warning, "Telegram: another replica took over polling (this one could not renew its lease in time)")]
    private partial void LogLostLease();

    [LoggerMessage(3135, LogLevel.Warning, "Telegram: the polling lease could not be read or written: {Reason}; trying again")]
    private partial void LogLeaseFailed(string reason);
}
