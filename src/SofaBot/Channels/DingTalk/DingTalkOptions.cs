namespace SofaBot.Channels.DingTalk;

/// <summary>The <c>Channels:DingTalk</c> section: an enterprise internal app robot (企业内部应用机器人) that receives
/// group @-messages and private messages by HTTP callback. The channel is on when <see cref="AppSecret"/> is set.</summary>
internal sealed class DingTalkOptions
{
    public const string SectionName = "Channels:DingTalk";

    /// <summary>The app's AppSecret (ClientSecret): it signs every callback and fetches access tokens. A secret: set
    /// it in the environment (<c>Channels__DingTalk__AppSecret</c>), never in appsettings.json.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The robot's robotCode, for the group-send API. For an enterprise internal app robot it equals the
    /// app's AppKey.</summary>
    public string? RobotCode { get; set; }

    /// <summary>The app's AppKey (ClientID), for the access token; defaults to <see cref="RobotCode"/>.</summary>
    public string? AppKey { get; set; }

    /// <summary>Where session webhooks live. A callback's <c>sessionWebhook</c> is posted to only when it is under this
    /// URL (same scheme, host and port, path under its path), so a forged or altered callback can never make the bot
    /// send requests elsewhere. Tests point it at their fake.</summary>
    public string BaseUrl { get; set; } = "https://oapi.dingtalk.com";

    /// <summary>The OpenAPI host: access tokens and the group-send API used once a session webhook has expired.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.dingtalk.com";

    /// <summary>The path this host serves the callback on; the robot's "message receiving address" must end with it.</summary>
    public string CallbackPath { get; set; } = "/dingtalk/callback";

    /// <summary>How far a callback's <c>timestamp</c> may be from now, either way. DingTalk itself allows an hour; the
    /// signature covers only the timestamp, so a captured pair can be replayed with any body inside this window: a
    /// smaller window (with a synchronised clock) narrows that.</summary>
    public int SignatureWindowMinutes { get; set; } = 60;

    /// <summary>Attempts to send one reply (the first and the retries after throttling, 5xx and network errors).</summary>
    public int MaxSendAttempts { get; set; } = 6;

    /// <summary>How users address the bot, for the help text (the robot's name in DingTalk).</summary>
    public string BotName { get; set; } = "SofaBot";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AppSecret);

    /// <summary>The AppKey for the access token: <see cref="AppKey"/>, else <see cref="RobotCode"/>.</summary>
    public string EffectiveAppKey => (string.IsNullOrWhiteSpace(AppKey) ? RobotCode : AppKey)?.Trim() ?? "";

    public TimeSpan SignatureWindow => TimeSpan.FromMinutes(SignatureWindowMinutes);
}
