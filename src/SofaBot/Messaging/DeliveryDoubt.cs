namespace SofaBot.Messaging;

/// <summary>Whether a failed HTTP call may still have reached the platform. A call that failed before the request
/// went out (no name, no connection, no TLS) surely did not; one that failed later (a timeout, a connection dropped
/// before the answer, an answer that could not be read) may have been carried out, and repeating it may post twice.</summary>
internal static class DeliveryDoubt
{
    public static bool After(HttpRequestException e) => e.HttpRequestError is not (
        HttpRequestError.NameResolutionError
        or HttpRequestError.ConnectionError
        or HttpRequestError.SecureConnectionError
        or HttpRequestError.ProxyTunnelError);
}
