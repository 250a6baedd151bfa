using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.Fixtures;

/// <summary>The settings every replica of a multi-replica test shares: one PostgreSQL database and the secret that
/// seals the review page's keys in it; with Telegram, the fake Bot API polled quickly.</summary>
public static class ReplicaSettings
{
    public const string KeyRingSecret = "a-secret-the-replicas-share-0123456789";

    /// <summary>Replicas on <paramref name="database"/>, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> OnPostgres(string database, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:Postgres:ConnectionString"] = database,
            ["Review:KeyRingSecret"] = KeyRingSecret,
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Replicas on <paramref name="database"/> with the Telegram channel at <paramref name="server"/>.</summary>
    public static Dictionary<string, string?> WithTelegram(string database, FakeTelegramServer server) => OnPostgres(database, new()
    {
        ["Channels:Telegram:BotToken"] = FakeTelegramServer.Token,
        ["Channels:Telegram:BaseUrl"] = server.Url,
        ["Channels:Telegram:PollTimeoutSeconds"] = "1",
    });
}
