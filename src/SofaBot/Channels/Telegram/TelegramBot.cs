using Microsoft.Extensions.Logging;
using SofaBot.Messaging;

namespace SofaBot.Channels.Telegram;

/// <summary>Who the bot is on Telegram (from <c>getMe</c>), once known: reading mentions needs its username and id.</summary>
internal sealed partial class TelegramBot(TelegramApi api, Clock clock, ILogger<TelegramBot> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private readonly TaskCompletionSource<TelegramUser> _identity = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TelegramUser> Identity => _identity.Task;

    /// <summary>Asks Telegram who the bot is, retrying with backoff while the API is unreachable (the rest of the host
    /// keeps working meanwhile); null when Telegram rejects the token, which no retry fixes.</summary>
    public async Task<TelegramUser?> ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var me = await api.GetMeAsync(cancellationToken);
                LogConnected(me.Username ?? "", me.Id);
                if (me.CanReadAllGroupMessages != true)
                {
                    LogPrivacyMode(me.Username ?? "");
                }

                _identity.TrySetResult(me);
                return me;
            }
            catch (TelegramApiException e) when (e.IsUnauthorized)
            {
                LogRejected(e.Status);
                return null;
            }
            catch (TelegramApiException e)
            {
                var wait = Backoff(attempt);
                LogUnreachable(e.Message, wait.TotalSeconds, attempt);
                await clock.WaitAsync(wait, cancellationToken);
            }
        }
    }

    /// <summary>1, 2, 4 … seconds, at most a minute.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt - 1, 10))));

    [LoggerMessage(3110, LogLevel.Information, "Telegram: connected as @{Username} (id {Id})")]
    private partial void LogConnected(string username, long id);

    [LoggerMessage(3111, LogLevel.Warning, "Telegram: @{Username} has privacy mode on and is not an admin, so in groups it sees only /ask@{Username}, replies to its messages and (not always) mentions. Make it a group admin, or turn privacy off with @BotFather and add it to the group again")]
    private partial void LogPrivacyMode(string username);

    [LoggerMessage(3112, LogLevel.Error, "Telegram rejected Channels:Telegram:BotToken ({Status}); the Telegram channel is off until the token is fixed")]
    private partial void LogRejected(int status);

    [LoggerMessage(3113, LogLevel.Warning, "Telegram API unreachable: {Reason}; retrying in {Seconds:0} s (attempt {Attempt}). The local chat and other channels keep working")]
    private partial void LogUnreachable(string reason, double seconds, int attempt);
}
