using System.Net;
using SofaBot.Messaging;
using Telegram.Bot.Exceptions;

namespace SofaBot.Channels.Telegram;

/// <summary>What a failed Bot API call means for SofaBot, read from Telegram.Bot's exceptions: an
/// <see cref="ApiRequestException"/> is Telegram's own refusal (its error code and parameters); any other
/// <see cref="RequestException"/> is a call that got no readable answer, and its inner exception says why (a network
/// error, a timeout of <see cref="TimedTelegramBotClient"/>, an answer that was not JSON). One place, so the channel,
/// the review desk, the bot's identity and polling agree on what is worth repeating.</summary>
internal static class TelegramFailure
{
    /// <summary>Editing a message to what it already shows (a decision shown twice) is refused with this; the message
    /// shows what it should, so it counts as done.</summary>
    private const string NotModified = "message is not modified";

    /// <summary>Telegram's error code; the HTTP status of an error answer that could not be read; 0 when no answer came
    /// or a 2xx answer could not be read.</summary>
    public static int Status(Exception e) => e switch
    {
        ApiRequestException api => api.ErrorCode,
        RequestException { HttpStatusCode: { } status } when !IsSuccess(status) => (int)status,
        _ => 0,
    };

    /// <summary>Worth repeating: flood control, server errors, no answer or an unreadable one; not 400/401/403/404.</summary>
    public static bool IsTransient(Exception e) =>
        e is RequestException && Status(e) is 0 or (int)HttpStatusCode.TooManyRequests or >= 500;

    /// <summary>The request went out and its answer was lost or unreadable: Telegram may have carried it out, and
    /// sending it again may post twice. A refusal Telegram answered, or a connection that never opened, did not.</summary>
    public static bool MayHaveBeenDelivered(Exception e) => e is RequestException request and not ApiRequestException && request.InnerException switch
    {
        TimeoutException or IOException => true,
        HttpRequestException http => DeliveryDoubt.After(http),
        // an answer that is not the Bot API's JSON: after a 2xx, the call may well have been carried out
        _ => request.HttpStatusCode is { } status && IsSuccess(status),
    };

    /// <summary>Flood control: how long Telegram asks to wait (429 <c>retry_after</c>).</summary>
    public static TimeSpan? RetryAfter(Exception e) =>
        (e as ApiRequestException)?.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>The token is wrong or revoked (Telegram answers 401 or 404): nothing will work until the operator
    /// fixes it.</summary>
    public static bool IsUnauthorized(Exception e) =>
        e is RequestException && Status(e) is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.NotFound;

    /// <summary>The group became a supergroup with this new id.</summary>
    public static long? MigrateToChatId(Exception e) => (e as ApiRequestException)?.Parameters?.MigrateToChatId;

    /// <summary>An edit that changes nothing: the message already shows what it should.</summary>
    public static bool IsNotModified(Exception e) =>
        e is ApiRequestException { ErrorCode: (int)HttpStatusCode.BadRequest } && e.Message.Contains(NotModified, StringComparison.OrdinalIgnoreCase);

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
