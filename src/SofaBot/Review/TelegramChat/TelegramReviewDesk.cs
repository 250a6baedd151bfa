using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Channels.Telegram;
using SofaBot.Hosting;
using SofaBot.Messaging;
using SofaBot.Telemetry;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace SofaBot.Review.TelegramChat;

/// <summary>The maintainers' Telegram chat (<c>Review:TelegramChatId</c>) as a review desk: a new item is posted there
/// with Send #k / Reject buttons, and once decided (anywhere: the buttons, the page, the API, expiry) the same
/// message is edited to show the outcome, without buttons. Only posts and edits: the presses and replies are
/// <see cref="TelegramReviewCallbacks"/>'s, which needs the queue that needs the desks.</summary>
internal sealed partial class TelegramReviewDesk : IReviewDesk, IDisposable
{
    private readonly ITelegramBotClient _client;
    private readonly IReviewStore _store;
    private readonly IOptions<ReviewOptions> _options;
    private readonly SendPolicy _send;
    private readonly ILogger<TelegramReviewDesk> _logger;
    private readonly Clock _clock;
    private readonly Replica _replica;
    private readonly TimeSpan _claimTimeout;

    /// <summary>Two 👎 handled at once (webhook requests run in parallel) must not post the item twice.</summary>
    private readonly SemaphoreSlim _posting = new(1, 1);

    public TelegramReviewDesk(ITelegramBotClient client, IReviewStore store, Clock clock, Replica replica, IOptions<ReviewOptions> options, IOptions<TelegramOptions> telegram, IOptions<ChatOptions> chat, BotMetrics metrics, ILogger<TelegramReviewDesk> logger)
    {
        _client = client;
        _clock = clock;
        _replica = replica;
        _claimTimeout = TimeSpan.FromSeconds(chat.Value.ClaimTimeoutSeconds);
        _store = store;
        _options = options;
        _logger = logger;
        _send = new SendPolicy(
            clock,
            telegram.Value.MaxSendAttempts,
            TelegramFailure.IsTransient,
            TelegramFailure.MayHaveBeenDelivered,
            TelegramFailure.RetryAfter,
            (reason, seconds, attempt) =>
            {
                metrics.SendRetried(TelegramMessageReader.Channel);
                LogRetry(reason, seconds, attempt);
            },
            LogAmbiguous);
    }

    public async Task ItemOpenedAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        if (_options.Value.TelegramChatId is not { } chat || item.ReviewMessageId is not null || item.IsDecided)
        {
            return;
        }

        await _posting.WaitAsync(cancellationToken);
        try
        {
            // the caller's copy may predate a post made meanwhile
            if (await _store.GetAsync(item.Id, cancellationToken) is not { ReviewMessageId: null, IsDecided: false } current)
            {
                return;
            }

            // another replica may be posting it right now (it opened the item; this one catches up at start)
            var now = _clock.UtcNow;
            if (!await _store.TryClaimReviewPostAsync(current.Id, _replica.Id, now, now - _claimTimeout, cancellationToken))
            {
                return;
            }

            var html = TelegramReviewHtml.Render(current);
            var keyboard = Keyboard(current);
            Message sent;
            try
            {
                sent = await _send.SendAsync(
                    async token => await _client.SendHtmlAsync(chat, html, null, null, keyboard, token),
                    cancellationToken);
            }
            catch
            {
                // not posted: the next catch-up (this replica's or another's) tries again
                await _store.ReleaseReviewPostAsync(current.Id, _replica.Id, CancellationToken.None);
                throw;
            }

            await _store.SetReviewMessageAsync(
                current.Id, chat.ToString(CultureInfo.InvariantCulture), sent.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            LogPosted(current.Id, chat, sent.Id);
        }
        finally
        {
            _posting.Release();
        }
    }

    public async Task ItemAskedAgainAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        // a flood of one question would be an edit per message: the count is retold at 2, 3, 5, 10, 20, 50, …, and
        // the page always shows it exact
        if (item.IsDecided || !RetoldAt(item.AskedCount) || ReviewMessage(item) is not var (chat, message))
        {
            return;
        }

        await ShowAsync(item, chat, message, cancellationToken);
        LogRecounted(item.Id, item.AskedCount);
    }

    public async Task ItemDraftedAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        if (_options.Value.TelegramChatId is null)
        {
            return;
        }

        // under the posting lock, read again: a post that was under way has its message id by now, and a post that
        // starts after this reads the draft itself
        await _posting.WaitAsync(cancellationToken);
        try
        {
            if (await _store.GetAsync(item.Id, cancellationToken) is not { IsDecided: false, Draft: not null } current
                || ReviewMessage(current) is not var (chat, message))
            {
                return;
            }

            await ShowAsync(current, chat, message, cancellationToken);
            LogDraftShown(current.Id);
        }
        finally
        {
            _posting.Release();
        }
    }

    public async Task ItemDecidedAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        if (ReviewMessage(item) is not var (chat, message))
        {
            return;
        }

        await ShowAsync(item, chat, message, cancellationToken);
        LogEdited(item.Id, item.Status);
    }

    /// <summary>Sets the review message to the item as it stands now: its count, its draft, its outcome.</summary>
    private async Task ShowAsync(ReviewItem item, long chat, int message, CancellationToken cancellationToken)
    {
        var html = TelegramReviewHtml.Render(item);
        var keyboard = Keyboard(item);
        await _send.RepeatableAsync(
            async token =>
            {
                await _client.EditHtmlAsync(chat, message, html, keyboard, token);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Send #k (and Send draft when there is one) and Reject while the item waits; none once it is decided,
    /// so a decided item offers nothing to press.</summary>
    private static InlineKeyboardMarkup? Keyboard(ReviewItem item) =>
        item.IsDecided ? null : TelegramCallbackData.ReviewKeyboard(item.Id, item.Candidates.Count, item.Draft is not null);

    /// <summary>2, 3, then 5, 10, 20, 50, 100, …: enough to show a question growing without an edit per asker.</summary>
    internal static bool RetoldAt(int count)
    {
        if (count is 2 or 3)
        {
            return true;
        }

        var scale = 1;
        while (scale <= count / 10)
        {
            scale *= 10;
        }

        return count > 3 && count % scale == 0 && (count / scale) is 1 or 2 or 5;
    }

    /// <summary>The review chat's message that shows the item; null when it has none or it cannot be read.</summary>
    private (long Chat, int Message)? ReviewMessage(ReviewItem item)
    {
        if (item.ReviewChatId is null || item.ReviewMessageId is null)
        {
            return null;
        }

        if (!long.TryParse(item.ReviewChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat)
            || !int.TryParse(item.ReviewMessageId, NumberStyles.None, CultureInfo.InvariantCulture, out var message))
        {
            LogUnreadableMessage(item.Id, item.ReviewChatId, item.ReviewMessageId);
            return null;
        }

        return (chat, message);
    }

    public void Dispose() => _posting.Dispose();

    [LoggerMessage(3150, LogLevel.Information, "Review item {Id} posted to the Telegram review chat {Chat} as message {Message}")]
    private partial void LogPosted(long id, long chat, long message);

    [LoggerMessage(3151, LogLevel.Information, "Review item {Id}: the Telegram review message now shows it {Status}")]
    private partial void LogEdited(long id, ReviewStatus status);

    [LoggerMessage(3154, LogLevel.Information, "Review item {Id}: the Telegram review message now shows it asked {Count} times")]
    private partial void LogRecounted(long id, int count);

    [LoggerMessage(3813, LogLevel.Information, "Review item {Id}: the Telegram review message now shows its draft and a Send draft button")]
    private partial void LogDraftShown(long id);

    [LoggerMessage(3152, LogLevel.Warning, "Review item {Id}: its Telegram review message ({Chat}, {Message}) is not a Telegram message id; not edited")]
    private partial void LogUnreadableMessage(long id, string chat, string message);

    [LoggerMessage(3153, LogLevel.Warning, "Telegram review chat: {Reason}; retrying in {Seconds:0.#} s (attempt {Attempt})")]
    private partial void LogRetry(string reason, double seconds, int attempt);

    [LoggerMessage(3159, LogLevel.Warning, "Telegram review chat: {Reason}; the post may have arrived, so it is sent once more and no more")]
    private partial void LogAmbiguous(string reason);
}
