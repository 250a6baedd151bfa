using Microsoft.Extensions.Logging;
using SofaBot.Messaging;

namespace SofaBot.Channels.DingTalk;

/// <summary>The app's OpenAPI access token, fetched when first needed and kept until five minutes before DingTalk says
/// it expires (it lives about two hours), so a reply sent just before expiry does not carry a dead token.</summary>
internal sealed partial class DingTalkAccessToken(DingTalkApi api, Clock clock, ILogger<DingTalkAccessToken> logger) : IDisposable
{
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private CachedToken? _current;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        // one fetch at a time: replies to several groups at once share the new token
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            var (value, lifetime) = await api.GetAccessTokenAsync(cancellationToken);
            Volatile.Write(ref _current, new CachedToken(value, clock.UtcNow + lifetime - RefreshBefore));
            LogFetched(lifetime.TotalMinutes);
            return value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>DingTalk refused the token: the next call fetches a new one.</summary>
    public void Forget(string token)
    {
        if (Volatile.Read(ref _current) is { } current && current.Token == token)
        {
            Volatile.Write(ref _current, null);
        }
    }

    private string? Fresh() => Volatile.Read(ref _current) is { } current && clock.UtcNow < current.RenewAt ? current.Token : null;

    public void Dispose() => _fetching.Dispose();

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    [LoggerMessage(3220, LogLevel.Debug, "DingTalk access token fetched; it lives {Minutes:0} min")]
    private partial void LogFetched(double minutes);
}
