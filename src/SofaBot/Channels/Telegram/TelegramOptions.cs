namespace SofaBot.Channels.Telegram;

/// <summary>The <c>Channels:Telegram</c> section. The channel is on when <see cref="BotToken"/> is set.</summary>
internal sealed class TelegramOptions
{
    public const string SectionName = "Channels:Telegram";

    /// <summary>From @BotFather. A secret: set it in the environment (<c>Channels__Telegram__BotToken</c>), never in
    /// appsettings.json. It is part of every request URL, so HTTP client logging is off for Telegram.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server: scheme, host and port; change it for a self-hosted Bot API server (or a test's
    /// fake).</summary>
    public string BaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary><c>Polling</c> (getUpdates; needs no public address) or <c>Webhook</c>.</summary>
    public string Mode { get; set; } = "Polling";

    /// <summary>Webhook mode: the secret Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c> (1–256 of A-Z a-z 0-9 _ -).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Webhook mode: the public HTTPS URL Telegram posts to, registered with <c>setWebhook</c> at start.
    /// Leave it empty when the webhook is registered by other means.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook mode: the path this host serves the webhook on.</summary>
    public string WebhookPath { get; set; } = "/telegram/webhook";

    /// <summary>Long-polling wait, in seconds (Telegram holds the request open this long when there is nothing new).</summary>
    public int PollTimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts to send one reply (the first and the retries after 429, 5xx and network errors).</summary>
    public int MaxSendAttempts { get; set; } = 6;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool IsWebhook => string.Equals(Mode, "Webhook", StringComparison.OrdinalIgnoreCase);

    /// <summary>The numeric bot id, the part of the token before the colon: safe to log and to key state by.</summary>
    public string BotId => BotToken is { } token && token.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? token[..colon] : "";
}
