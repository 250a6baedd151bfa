namespace SofaBot.Channels.DingTalk;

/// <summary>Decides whether a callback's <c>sessionWebhook</c> may be posted to: only a URL under
/// <c>Channels:DingTalk:BaseUrl</c> (same scheme, host and port; path under the base path), so the URL a callback
/// carries can never point the bot at another server.</summary>
internal static class DingTalkSessionWebhook
{
    /// <summary>The webhook as it will be requested (normalised by <see cref="Uri"/>, so what was checked is what is
    /// sent), or null when it is not under the base URL.</summary>
    public static Uri? Under(string? webhook, string baseUrl)
    {
        if (!Uri.TryCreate(webhook, UriKind.Absolute, out var uri) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var root))
        {
            return null;
        }

        if (!string.Equals(uri.Scheme, root.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.IdnHost, root.IdnHost, StringComparison.OrdinalIgnoreCase)
            || uri.Port != root.Port
            || uri.UserInfo.Length > 0
            || uri.Fragment.Length > 0)
        {
            return null;
        }

        // dot segments are already resolved by Uri; encoded ones and backslashes could still be resolved by a server
        var path = uri.AbsolutePath;
        if (path.Contains("%2e", StringComparison.OrdinalIgnoreCase) || path.Contains("%2f", StringComparison.OrdinalIgnoreCase)
            || path.Contains("%5c", StringComparison.OrdinalIgnoreCase) || path.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        var basePath = root.AbsolutePath.EndsWith('/') ? root.AbsolutePath : root.AbsolutePath + "/";
        return path.StartsWith(basePath, StringComparison.Ordinal) || path + "/" == basePath ? uri : null;
    }

    /// <summary>The host of a refused webhook, for the log; the rest of the URL (the session key) stays out of it.</summary>
    public static string HostOf(string? webhook) =>
        Uri.TryCreate(webhook, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "(not an absolute URL)";
}
