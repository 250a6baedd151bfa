using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Storage;
using SofaBot.Telemetry;

namespace SofaBot.Channels.DingTalk;

/// <summary>Sends replies to DingTalk as markdown: through the message's session webhook, @-mentioning the asker,
/// while that webhook is valid and under <c>Channels:DingTalk:BaseUrl</c>; otherwise through the group-send API with
/// the question quoted, and only into a conversation DingTalk vouched for before (a session webhook it accepted). Paced
/// per conversation (20 a minute) and retried on throttling, server and network errors; after a failure that may have
/// delivered the reply, sent once more on the same route and never through the other.</summary>
internal sealed partial class DingTalkChannel : IChatChannel
{
    private readonly DingTalkApi _api;
    private readonly DingTalkAccessToken _token;
    private readonly Clock _clock;
    private readonly IOptions<DingTalkOptions> _options;
    private readonly ChatPacer _pacer;
    private readonly SendPolicy _send;
    private readonly IStateStore _store;
    private readonly ILogger<DingTalkChannel> _logger;

    public DingTalkChannel(DingTalkApi api, DingTalkAccessToken token, Clock clock, IStateStore store, IOptions<StorageOptions> storage, IOptions<DingTalkOptions> options, BotMetrics metrics, ILogger<DingTalkChannel> logger)
    {
        _api = api;
        _token = token;
        _clock = clock;
        _options = options;
        _store = store;
        _logger = logger;
        // DingTalk throttles a robot that sends more than 20 messages a minute to one conversation
        // replicas sharing PostgreSQL answer one chat together: they keep one pace, in the store
        _pacer = new ChatPacer(clock, TimeSpan.FromSeconds(1), perMinute: 20, DingTalkMessageReader.Channel, StorageOptionsValidator.IsPostgres(storage.Value) ? store : null);
        // a rejected access token is retried too: the cache forgets it and the retry fetches a new one
        _send = new SendPolicy(
            clock,
            options.Value.MaxSendAttempts,
            e => e is DingTalkApiException d && (d.IsTransient || d.IsTokenRejected),
            e => e is DingTalkApiException { MayHaveBeenDelivered: true },
            _ => null,
            (reason, seconds, attempt) =>
            {
                metrics.SendRetried(Name);
                LogRetry(reason, seconds, attempt);
            },
            LogAmbiguous);
    }

    public string Name => DingTalkMessageReader.Channel;

    /// <returns>Null: DingTalk delivers no replies to the bot's messages, so there is nothing to find them by.</returns>
    public async Task<string?> SendAsync(IncomingMessage question, OutgoingReply reply, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var markdown = DingTalkReplyMarkdown.Render(reply, "@" + settings.BotName.Trim());
        var webhook = question.Route.SessionWebhook;
        var session = DingTalkSessionWebhook.Under(webhook, settings.BaseUrl);
        if (webhook is not null && session is null)
        {
            // a forged or altered callback, or BaseUrl not matching DingTalk's hosts: never post to it
            LogWebhookOutside(question.Key, DingTalkSessionWebhook.HostOf(webhook), settings.BaseUrl);
        }

        try
        {
            if (session is not null && await TrySessionAsync(session, question, markdown, cancellationToken))
            {
                return null;
            }

            // the group-send API posts wherever the callback says the question came from: only where DingTalk vouched
            if (!await _store.IsChatVouchedAsync(Name, question.Key.ChatId, cancellationToken))
            {
                throw new ReplyRejectedException($"conversation {question.Key.ChatId} was never vouched for by DingTalk (no reply through a session webhook it accepted), so the group-send API is not used for it");
            }

            var quoted = DingTalkReplyMarkdown.QuotingAsker(markdown, question.SenderName, question.Text);
            await _send.SendAsync(
                async token =>
                {
                    await _pacer.WaitTurnAsync(question.Key.ChatId, limitPerMinute: true, token);
                    await SendToGroupAsync(question.Key.ChatId, quoted, token);
                    return true;
                },
                cancellationToken);
            return null;
        }
        catch (DingTalkApiException e)
        {
            throw new ReplyRejectedException(e.Message, e);
        }
    }

    /// <summary>Replies through the session webhook while it is valid; false when it has expired (before or between
    /// attempts) or DingTalk refused it, so the caller falls back to the group-send API. Never false after an attempt
    /// that may have delivered the reply: that ends here, on this route.</summary>
    private async Task<bool> TrySessionAsync(Uri webhook, IncomingMessage question, DingTalkMarkdown markdown, CancellationToken cancellationToken)
    {
        var mentioned = question.SenderId.Length > 0 ? DingTalkReplyMarkdown.MentioningAsker(markdown, question.SenderId) : markdown;
        var atUserId = question.SenderId.Length > 0 ? question.SenderId : null;
        // a webhook without an expiry cannot be known to work
        bool Valid() => question.Route.SessionWebhookExpiresAt is { } expires && _clock.UtcNow < expires;
        if (!Valid())
        {
            LogWebhookExpired(question.Key);
            return false;
        }

        var doubtful = false;
        try
        {
            var sent = await _send.SendAsync(
                async token =>
                {
                    await _pacer.WaitTurnAsync(question.Key.ChatId, limitPerMinute: true, token);
                    // it may have expired while waiting for the pace or a retry
                    if (!Valid())
                    {
                        LogWebhookExpired(question.Key);
                        return doubtful
                            ? throw new ReplyRejectedException("the session webhook expired after an attempt that may have delivered the reply; not sending it another way", null, mayHaveBeenDelivered: true)
                            : false;
                    }

                    try
                    {
                        await _api.SendBySessionAsync(webhook, mentioned, atUserId, token);
                    }
                    catch (DingTalkApiException e) when (e.MayHaveBeenDelivered)
                    {
                        doubtful = true;
                        throw;
                    }

                    return true;
                },
                cancellationToken);
            if (sent)
            {
                await VouchedAsync(question.Key);
            }

            return sent;
        }
        catch (Exception e) when (e is DingTalkApiException or ReplyDeferredException or ReplyRejectedException { MayHaveBeenDelivered: false })
        {
            LogWebhookFailed(question.Key, e.Message);
            return false;
        }
    }

    /// <summary>DingTalk took a post through a webhook only its own callbacks carry: the conversation is real. The reply
    /// is out whatever happens here.</summary>
    private async Task VouchedAsync(Storage.MessageKey key)
    {
        try
        {
            await _store.MarkChatVouchedAsync(Name, key.ChatId, _clock.UtcNow, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogNotVouched(key, e.Message);
        }
    }

    private async Task SendToGroupAsync(string openConversationId, DingTalkMarkdown markdown, CancellationToken cancellationToken)
    {
        var token = await _token.GetAsync(cancellationToken);
        try
        {
            await _api.SendToGroupAsync(token, openConversationId, markdown, cancellationToken);
        }
        catch (DingTalkApiException e) when (e.IsTokenRejected)
        {
            _token.Forget(token);
            throw;
        }
    }

    [LoggerMessage(3210, LogLevel.Warning, "{Reason}; retrying in {Seconds:0.#} s (attempt {Attempt})")]
    private partial void LogRetry(string reason, double seconds, int attempt);

    [LoggerMessage(3214, LogLevel.Warning, "{Reason}; the reply may have arrived, so it is sent once more on the same route and no more")]
    private partial void LogAmbiguous(string reason);

    [LoggerMessage(3215, LogLevel.Warning, "Could not record that DingTalk vouched for the conversation of {Key}: {Reason}; a later reply there may not use the group-send API")]
    private partial void LogNotVouched(Storage.MessageKey key, string reason);

    [LoggerMessage(3211, LogLevel.Warning, "The session webhook of DingTalk message {Key} points at {Host}, outside Channels:DingTalk:BaseUrl ({BaseUrl}); not posting to it, replying through the group-send API")]
    private partial void LogWebhookOutside(Storage.MessageKey key, string host, string baseUrl);

    [LoggerMessage(3212, LogLevel.Information, "The session webhook of DingTalk message {Key} has expired; replying through the group-send API")]
    private partial void LogWebhookExpired(Storage.MessageKey key);

    [LoggerMessage(3213, LogLevel.Warning, "The session webhook of DingTalk message {Key} failed ({Reason}); replying through the group-send API")]
    private partial void LogWebhookFailed(Storage.MessageKey key, string reason);
}
