using System.Net;

namespace SofaBot.Channels.Telegram;

/// <summary>The Bot API answered with an error (or not at all).</summary>
/// <param name="status">The HTTP status; 0 when the answer could not be read.</param>
/// <param name="mayHaveBeenDelivered">The request went out and its answer was lost or unreadable: Telegram may have
/// carried it out.</param>
internal sealed class TelegramApiException(string method, int status, string description, TimeSpan? retryAfter = null, long? migrateToChatId = null, bool mayHaveBeenDelivered = false)
    : Exception($"Telegram {method} failed: {(status == 0 ? "" : $"{status} ")}{description}")
{
    public string Method { get; } = method;

    public int Status { get; } = status;

    /// <summary>Telegram's own words ("Bad Request: message is not modified: …").</summary>
    public string Description { get; } = description;

    /// <summary>Flood control: how long Telegram asks to wait (429).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public long? MigrateToChatId { get; } = migrateToChatId;

    public bool MayHaveBeenDelivered { get; } = mayHaveBeenDelivered;

    /// <summary>Worth repeating: flood control, server errors and unreadable answers; not 400/401/403/404.</summary>
    public bool IsTransient => Status is 0 or (int)HttpStatusCode.TooManyRequests or >= 500;

    /// <summary>The token is wrong or revoked: nothing will work until the operator fixes it.</summary>
    public bool IsUnauthorized => Status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.NotFound;
}
