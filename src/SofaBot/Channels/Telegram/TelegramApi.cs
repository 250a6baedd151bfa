using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SofaBot.Json;
using SofaBot.Messaging;
using SofaBot.Telemetry;

namespace SofaBot.Channels.Telegram;

/// <summary>The few Bot API methods SofaBot calls, over HttpClient and System.Text.Json (Telegram.Bot is not served
/// here). Errors become <see cref="TelegramApiException"/> with Telegram's description and parameters.</summary>
/// <remarks>The token is part of every URL (<c>/bot&lt;token&gt;/method</c>); the named client has its logging
/// removed and no message here contains a URL.</remarks>
internal sealed class TelegramApi(IHttpClientFactory clients, IOptions<TelegramOptions> options, BotMetrics metrics)
{
    public const string ClientName = "telegram";

    /// <summary>Telegram refuses a longer callback answer.</summary>
    public const int MaxCallbackAnswerChars = 200;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = PlainJsonEncoder.Instance,
    };

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>New messages and button presses: edits, channel posts and member changes are never answered.</summary>
    private static readonly string[] AllowedUpdates = ["message", "callback_query"];

    /// <summary>Editing a message to what it already shows (a decision shown twice) is refused with this; the message
    /// shows what it should, so it counts as done.</summary>
    private const string NotModified = "message is not modified";

    public Task<TelegramUser> GetMeAsync(CancellationToken cancellationToken) =>
        CallAsync<TelegramUser>("getMe", new { }, CallTimeout, cancellationToken);

    /// <summary>Long polling: waits up to <paramref name="timeoutSeconds"/> for updates after <paramref name="offset"/>.
    /// Updates are returned raw so one unreadable update cannot spoil the batch.</summary>
    public Task<JsonElement[]> GetUpdatesAsync(long? offset, int timeoutSeconds, CancellationToken cancellationToken) =>
        CallAsync<JsonElement[]>(
            "getUpdates",
            new { offset, timeout = timeoutSeconds, allowed_updates = AllowedUpdates },
            TimeSpan.FromSeconds(timeoutSeconds) + CallTimeout,
            cancellationToken);

    /// <param name="markup">Buttons under the message, if any.</param>
    public Task<TelegramMessage> SendMessageAsync(long chatId, string html, long? replyTo, long? threadId, TelegramInlineKeyboard? markup, CancellationToken cancellationToken) =>
        CallAsync<TelegramMessage>(
            "sendMessage",
            new
            {
                chat_id = chatId,
                message_thread_id = threadId,
                text = html,
                parse_mode = "HTML",
                link_preview_options = new { is_disabled = true },
                reply_parameters = replyTo is { } id ? new { message_id = id, allow_sending_without_reply = true } : null,
                reply_markup = markup,
            },
            CallTimeout,
            cancellationToken);

    /// <summary>Replaces a message's text. Without <paramref name="markup"/> its buttons are removed (Telegram drops
    /// the keyboard of an edit that names none). An edit to the same text and buttons counts as done.</summary>
    public async Task EditMessageTextAsync(long chatId, long messageId, string html, TelegramInlineKeyboard? markup, CancellationToken cancellationToken)
    {
        try
        {
            // the result is the edited message, or true for inline messages: read neither
            await CallAsync<JsonElement>(
                "editMessageText",
                new
                {
                    chat_id = chatId,
                    message_id = messageId,
                    text = html,
                    parse_mode = "HTML",
                    link_preview_options = new { is_disabled = true },
                    reply_markup = markup,
                },
                CallTimeout,
                cancellationToken);
        }
        catch (TelegramApiException e) when (e.Status == 400 && e.Description.Contains(NotModified, StringComparison.OrdinalIgnoreCase))
        {
        }
    }

    /// <summary>Answers a button press: the client stops its spinner and shows <paramref name="text"/> (at most 200
    /// characters) as a toast, or as an alert the user closes when <paramref name="showAlert"/>.</summary>
    public Task<bool> AnswerCallbackQueryAsync(string callbackQueryId, string text, bool showAlert, CancellationToken cancellationToken) =>
        CallAsync<bool>(
            "answerCallbackQuery",
            new { callback_query_id = callbackQueryId, text = Shorten(text, MaxCallbackAnswerChars), show_alert = showAlert },
            CallTimeout,
            cancellationToken);

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1)] + "…";

    public Task<bool> SetWebhookAsync(string url, string secret, CancellationToken cancellationToken) =>
        CallAsync<bool>("setWebhook", new { url, secret_token = secret, allowed_updates = AllowedUpdates }, CallTimeout, cancellationToken);

    /// <summary>Polling and a webhook exclude each other; pending updates are kept.</summary>
    public Task<bool> DeleteWebhookAsync(CancellationToken cancellationToken) =>
        CallAsync<bool>("deleteWebhook", new { drop_pending_updates = false }, CallTimeout, cancellationToken);

    private async Task<T> CallAsync<T>(string method, object body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = clients.CreateClient(ClientName);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var url = $"{settings.BaseUrl.TrimEnd('/')}/bot{settings.BotToken!.Trim()}/{method}";
        TelegramResponse<T>? answer;
        int status;
        try
        {
            using var response = await client.PostAsJsonAsync(url, body, Json, deadline.Token);
            status = (int)response.StatusCode;
            answer = await ReadAsync<T>(response, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TelegramApiException(method, 0, $"no answer within {timeout.TotalSeconds:0} s", mayHaveBeenDelivered: true);
        }
        catch (HttpRequestException e)
        {
            // the message names the host and the socket error, never the URL with the token
            throw new TelegramApiException(method, 0, e.HttpRequestError + (e.InnerException is { Message: var inner } ? $" ({inner})" : ""), mayHaveBeenDelivered: DeliveryDoubt.After(e));
        }
        catch (IOException e)
        {
            // the connection dropped while the answer was read: the request was taken
            throw new TelegramApiException(method, 0, "answer cut off: " + e.Message, mayHaveBeenDelivered: true);
        }

        if (answer is { Ok: true, Result: { } result })
        {
            return result;
        }

        if (status == (int)System.Net.HttpStatusCode.TooManyRequests)
        {
            metrics.RateLimited(TelegramMessageReader.Channel);
        }

        var retryAfter = answer?.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        // a 2xx that cannot be read may well have been carried out
        var unreadableSuccess = answer is null && status is >= 200 and < 300;
        throw new TelegramApiException(method, answer?.ErrorCode ?? (status is >= 200 and < 300 ? 0 : status), answer?.Description ?? "unreadable answer", retryAfter, answer?.Parameters?.MigrateToChatId, unreadableSuccess);
    }

    private static async Task<TelegramResponse<T>?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TelegramResponse<T>>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
