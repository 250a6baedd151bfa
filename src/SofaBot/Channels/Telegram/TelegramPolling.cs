using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Storage;

namespace SofaBot.Channels.Telegram;

/// <summary>Long polling (<c>getUpdates</c>). The offset moves past an update only once the update is in the
/// store's inbox, from where it is answered or deliberately skipped and resumed after a restart; the offset itself is
/// stored too, so a restart neither loses nor repeats a reply.</summary>
internal sealed partial class TelegramPolling(
    TelegramApi api, TelegramBot bot, TelegramIntake intake, IStateStore store, Clock clock,
    IOptions<TelegramOptions> options, ILogger<TelegramPolling> logger) : BackgroundService
{
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

        var cursor = $"telegram:{settings.BotId}:offset";
        var offset = await store.GetCursorAsync(cursor, stoppingToken);
        var failures = 0;
        var webhookCleared = false;
        LogPolling(offset);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!webhookCleared)
                {
                    await api.DeleteWebhookAsync(stoppingToken);
                    webhookCleared = true;
                }

                var updates = await api.GetUpdatesAsync(offset, settings.PollTimeoutSeconds, stoppingToken);
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
            catch (TelegramApiException e) when (e.IsUnauthorized)
            {
                LogStopped(e.Message);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Telegram or the store failed: poll again from the last update that reached the inbox
                var wait = TelegramBot.Backoff(++failures);
                LogPollFailed(e.Message, wait.TotalSeconds);
                await clock.WaitAsync(wait, stoppingToken);
            }
        }
    }

    [LoggerMessage(3130, LogLevel.Information, "Telegram: polling for updates from offset {Offset}")]
    private partial void LogPolling(long? offset);

    [LoggerMessage(3131, LogLevel.Warning, "Telegram polling failed: {Reason}; polling again in {Seconds:0} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(3132, LogLevel.Error, "Telegram polling stopped: {Reason}. Check Channels:Telegram:BotToken")]
    private partial void LogStopped(string reason);
}
