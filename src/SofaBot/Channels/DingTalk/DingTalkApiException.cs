using System.Net;

namespace SofaBot.Channels.DingTalk;

/// <summary>DingTalk answered with an error (or not at all). The message never holds a URL or a token: a session
/// webhook's URL is itself a credential for posting into the group.</summary>
/// <param name="operation">What was attempted (<c>session webhook</c>, <c>accessToken</c>, <c>groupMessages/send</c>).</param>
/// <param name="status">The HTTP status; 0 when there was no usable answer.</param>
/// <param name="code">DingTalk's error code: <c>errcode</c> of the robot webhooks, <c>code</c> of the OpenAPI.</param>
/// <param name="mayHaveBeenDelivered">The request went out and its answer was lost or unreadable: DingTalk may have
/// carried it out.</param>
internal sealed class DingTalkApiException(string operation, int status, string? code, string description, bool mayHaveBeenDelivered = false)
    : Exception($"DingTalk {operation} failed: {(status == 0 ? "" : $"{status} ")}{(code is null ? "" : $"[{code}] ")}{description}")
{
    public int Status { get; } = status;

    public string? Code { get; } = code;

    public bool MayHaveBeenDelivered { get; } = mayHaveBeenDelivered;

    /// <summary>Worth repeating: no answer, 429, 5xx, and DingTalk's own throttling and "system busy" codes.</summary>
    public bool IsTransient => Status is 0 or (int)HttpStatusCode.TooManyRequests or >= 500
        || Code is "-1" or "130101"
        || (Code is { } code && (code.Contains("QpsLimit", StringComparison.OrdinalIgnoreCase) || code.Contains("Throttl", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The OpenAPI refused the access token (revoked, or expired earlier than it said): fetch a new one.</summary>
    public bool IsTokenRejected => Status == (int)HttpStatusCode.Unauthorized
        || (Code is { } code && code.Contains("InvalidAuthentication", StringComparison.OrdinalIgnoreCase));
}
