using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.DingTalk;

/// <summary>A fake DingTalk and the real bot host with the DingTalk channel on (BaseUrl and ApiBaseUrl at the fake),
/// on loopback, with the bot's state in a folder of the test's.</summary>
public sealed class DingTalkBed : IAsyncDisposable
{
    public const string AppSecret = "Test-AppSecret_9f8e7d6c5b4a-never-logged";
    public const string RobotCode = "dingtestrobotcode0001";

    /// <summary>Answered confidently from the bundled corpus (SOFAJRaft, weekly 2021-12-03).</summary>
    public const string AnswerableQuestion = Telegram.TelegramBed.AnswerableQuestion;

    /// <summary>Nothing in the bundled corpus answers it.</summary>
    public const string UnanswerableQuestion = Telegram.TelegramBed.UnanswerableQuestion;

    private DingTalkBed(FakeDingTalkServer server, TempDirectory state, BotUnderTest bot)
    {
        Server = server;
        State = state;
        Bot = bot;
    }

    public FakeDingTalkServer Server { get; }

    public TempDirectory State { get; }

    public BotUnderTest Bot { get; }

    /// <summary>The bot's "now" (its <see cref="InstantTime"/>).</summary>
    public DateTimeOffset Now => Bot.Time.GetUtcNow();

    /// <param name="settings">Configuration on top of the bed's.</param>
    /// <param name="services">Changes to the host's services (e.g. a store that fails on demand).</param>
    public static async Task<DingTalkBed> StartAsync(Dictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var server = await FakeDingTalkServer.StartAsync();
        server.App = (RobotCode, AppSecret);
        var all = new Dictionary<string, string?>
        {
            ["Channels:DingTalk:AppSecret"] = AppSecret,
            ["Channels:DingTalk:RobotCode"] = RobotCode,
            ["Channels:DingTalk:BaseUrl"] = server.Url,
            ["Channels:DingTalk:ApiBaseUrl"] = server.Url,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var state = new TempDirectory();
        try
        {
            return new DingTalkBed(server, state, await BotUnderTest.StartAsync(state, all, services: services));
        }
        catch
        {
            await server.DisposeAsync();
            state.Dispose();
            throw;
        }
    }

    /// <summary>A session webhook on the fake, with a session key of its own.</summary>
    public string SessionWebhook() => $"{Server.Url}{FakeDingTalkServer.SessionPath}?session={Guid.NewGuid():N}";

    /// <summary>A group text message whose session webhook (on the fake) is valid for 90 minutes from the bot's now.</summary>
    public JsonObject Text(string content, string conversationType = "2") =>
        Callbacks.Text(content, SessionWebhook(), Now.AddMinutes(90), conversationType);

    /// <summary>The headers DingTalk would send now.</summary>
    public (string Timestamp, string Sign) Headers(DateTimeOffset? at = null)
    {
        var timestamp = (at ?? Now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return (timestamp, Callbacks.Sign(timestamp, AppSecret));
    }

    /// <summary>Posts a body with these headers (null: header left out) to the callback path.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string body, string? timestamp, string? sign, string path = "/dingtalk/callback")
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Bot.Url + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation("timestamp", timestamp);
        }

        if (sign is not null)
        {
            request.Headers.TryAddWithoutValidation("sign", sign);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the callback signed now, and waits until the bot has handled what it received.</summary>
    public async Task<HttpStatusCode> DeliverAsync(JsonObject callback)
    {
        var (timestamp, sign) = Headers();
        var (status, _) = await PostAsync(callback.ToJsonString(), timestamp, sign);
        await Bot.IdleAsync();
        return status;
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Server.DisposeAsync();
        State.Dispose();
    }
}
