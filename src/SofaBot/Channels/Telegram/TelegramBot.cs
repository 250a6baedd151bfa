using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace SofaBot.Channels.Telegram;

/// <summary>Who the bot is on Telegram (from <c>getMe</c>), once known: reading mentions needs its username and id.</summary>
internal sealed partial class TelegramBot(ITelegramBotClient client, TelegramCommandMenu menu, Clock clock, IOptions<TelegramOptions> options, ILogger<TelegramBot> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private readonly TaskCompletionSource<User> _identity = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // set once Telegram refused the token: sends fail at once with this, rather than wait for an identity that never comes
    private volatile string? _rejected;

    public Task<User> Identity => _identity.Task;

    /// <summary>Who the bot is, for a reply about to be sent: at once when known; a refusal when the channel is off or
    /// Telegram rejected the token; otherwise one <c>getMe</c> of its own (start-up may still be retrying its own).
    /// A send never waits on the connection loop: a message for a channel that cannot send finishes at once.</summary>
    /// <exception cref="ReplyRejectedException">The channel is off, or the token was rejected.</exception>
    /// <exception cref="RequestException">Telegram could not be reached; the caller's retries apply.</exception>
    public async Task<User> IdentityForSendAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled)
        {
            throw new ReplyRejectedException("the Telegram channel is off in this instance (Channels:Telegram:BotToken is not set)");
        }

        if (_identity.Task.IsCompletedSuccessfully)
        {
            return _identity.Task.Result;
        }

        if (_rejected is { } rejected)
        {
            throw new ReplyRejectedException(rejected);
        }

        try
        {
            var me = await client.GetMe(cancellationToken);
            _identity.TrySetResult(me);
            return me;
        }
        catch (RequestException e) when (TelegramFailure.IsUnauthorized(e))
        {
            _rejected = Rejection(TelegramFailure.Status(e));
            throw new ReplyRejectedException(_rejected, e);
        }
    }

    private static string Rejection(int status) => $"Telegram rejected Channels:Telegram:BotToken ({status}); the Telegram channel is off until the token is fixed";

    /// <summary>Asks Telegram who the bot is, retrying with backoff while the API is unreachable (the rest of the host
    /// keeps working meanwhile), then shows the bot's commands in the chats' menu; null when Telegram rejects the
    /// token, which no retry fixes.</summary>
    public async Task<User?> ConnectAsync(CancellationToken cancellationToken)
    {
        User me;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                me = await client.GetMe(cancellationToken);
                break;
            }
            catch (RequestException e) when (TelegramFailure.IsUnauthorized(e))
            {
                var status = TelegramFailure.Status(e);
                _rejected = Rejection(status);
                LogRejected(status);
                return null;
            }
            catch (RequestException e)
            {
                var wait = Backoff(attempt);
                LogUnreachable(e.Message, wait.TotalSeconds, attempt);
                await clock.WaitAsync(wait, cancellationToken);
            }
        }

        LogConnected(me.Username ?? "", me.Id);
        if (!me.CanReadAllGroupMessages)
        {
            LogPrivacyMode(me.Username ?? "");
        }

        _identity.TrySetResult(me);
        await menu.RegisterAsync(cancellationToken);
        return me;
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
