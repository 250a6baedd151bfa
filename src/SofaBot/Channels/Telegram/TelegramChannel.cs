using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Review.TelegramChat;
using SofaBot.Storage;
using SofaBot.Telemetry;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace SofaBot.Channels.Telegram;

/// <summary>Sends replies to Telegram: rendered as HTML, threaded to the question, paced per chat, and retried on
/// flood control (waiting exactly <c>retry_after</c>), server errors and network errors. Answers carry 👍 / 👎
/// buttons, so askers can tell the maintainers when an answer missed.</summary>
internal sealed partial class TelegramChannel : IChatChannel
{
    private readonly ITelegramBotClient _client;
    private readonly TelegramBot _bot;
    private readonly ChatPacer _pacer;
    private readonly SendPolicy _send;
    private readonly ILogger<TelegramChannel> _logger;

    public TelegramChannel(ITelegramBotClient client, TelegramBot bot, Clock clock, IStateStore store, IOptions<StorageOptions> storage, IOptions<TelegramOptions> options, BotMetrics metrics, ILogger<TelegramChannel> logger)
    {
        _client = client;
        _bot = bot;
        _logger = logger;
        // replicas sharing PostgreSQL answer one chat together: they keep one pace, in the store
        _pacer = new ChatPacer(clock, TimeSpan.FromSeconds(1), perMinute: 20, TelegramMessageReader.Channel, StorageOptionsValidator.IsPostgres(storage.Value) ? store : null);
        // flood control says how long to wait (retry_after)
        _send = new SendPolicy(
            clock,
            options.Value.MaxSendAttempts,
            TelegramFailure.IsTransient,
            TelegramFailure.MayHaveBeenDelivered,
            TelegramFailure.RetryAfter,
            (reason, seconds, attempt) =>
            {
                metrics.SendRetried(Name);
                LogRetry(reason, seconds, attempt);
            },
            LogAmbiguous);
    }

    public string Name => TelegramMessageReader.Channel;

    public async Task<string?> SendAsync(IncomingMessage question, OutgoingReply reply, CancellationToken cancellationToken)
    {
        User bot;
        try
        {
            bot = await _send.RepeatableAsync(async token => await _bot.IdentityForSendAsync(token), cancellationToken);
        }
        catch (RequestException e)
        {
            throw new ReplyRejectedException(e.Message, e);
        }

        var html = TelegramReplyHtml.Render(reply, "@" + bot.Username);
        var chatId = long.Parse(question.Key.ChatId, CultureInfo.InvariantCulture);
        var replyTo = int.Parse(question.Key.MessageId, CultureInfo.InvariantCulture);
        int? thread = question.Route.ThreadId is { } topic ? int.Parse(topic, CultureInfo.InvariantCulture) : null;
        var isGroup = chatId < 0;
        var markup = reply is AnswerReply ? TelegramCallbackData.FeedbackKeyboard(question.Key.MessageId) : null;
        try
        {
            var sent = await _send.SendAsync(
                async token =>
                {
                    await _pacer.WaitTurnAsync(question.Key.ChatId, isGroup, token);
                    return await _client.SendHtmlAsync(chatId, html, replyTo, thread, markup, token);
                },
                cancellationToken);
            return sent.Id.ToString(CultureInfo.InvariantCulture);
        }
        catch (ApiRequestException e) when (TelegramFailure.MigrateToChatId(e) is { } migrated)
        {
            // the group became a supergroup: the question's message id means nothing there, so no thread, and no
            // feedback buttons (a press there names the new chat, where the question was never received)
            LogMigrated(question.Key.ChatId, migrated);
            await _send.SendAsync(async token => await _client.SendHtmlAsync(migrated, html, null, null, null, token), cancellationToken);
            // in another chat than the question's: a reply there is not found under the question's chat
            return null;
        }
        catch (RequestException e)
        {
            throw new ReplyRejectedException(e.Message, e);
        }
    }

    [LoggerMessage(3101, LogLevel.Warning, "{Reason}; retrying in {Seconds:0.#} s (attempt {Attempt})")]
    private partial void LogRetry(string reason, double seconds, int attempt);

    [LoggerMessage(3103, LogLevel.Warning, "{Reason}; the reply may have arrived, so it is sent once more and no more")]
    private partial void LogAmbiguous(string reason);

    [LoggerMessage(3102, LogLevel.Information, "Telegram chat {Chat} became supergroup {Migrated}; replying there")]
    private partial void LogMigrated(string chat, long migrated);
}
