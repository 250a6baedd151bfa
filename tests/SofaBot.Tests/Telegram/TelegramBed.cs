using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Telegram;

/// <summary>A fake Telegram server and the real bot polling it, on loopback, with the bot's state in a folder of the
/// test's (restart the bot on it to test a restart).</summary>
public sealed class TelegramBed : IAsyncDisposable
{
    /// <summary>Answered confidently from the bundled corpus (SOFAJRaft, weekly 2021-12-03).</summary>
    public const string AnswerableQuestion = "jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗";

    /// <summary>Nothing in the bundled corpus answers it.</summary>
    public const string UnanswerableQuestion = "Layotto 支持 WebAssembly 吗";

    /// <summary>The bundled corpus has three close SOFARegistry answers and none is sure: a mention gets "not sure"
    /// with the closest questions, and the maintainers a suggestion with three candidates.</summary>
    public const string SuggestedQuestion = Review.ReviewBed.SuggestQuestion;

    /// <summary>The review chat <see cref="Updates.ReviewChat"/> with <see cref="Updates.Maria"/> as its maintainer.</summary>
    public static Dictionary<string, string?> ReviewSettings => new()
    {
        ["Review:TelegramChatId"] = Updates.ReviewChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Review:MaintainerUserIds:0"] = Updates.Maria.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _services;

    private TelegramBed(FakeTelegramServer server, TempDirectory state, Dictionary<string, string?> settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services)
    {
        Server = server;
        State = state;
        _settings = settings;
        _services = services;
    }

    public FakeTelegramServer Server { get; }

    public TempDirectory State { get; }

    public BotUnderTest Bot { get; private set; } = null!;

    /// <param name="settings">Settings over the bed's own.</param>
    /// <param name="services">Replaces services of the bot's (a store that fails on purpose).</param>
    public static async Task<TelegramBed> StartAsync(Dictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var server = await FakeTelegramServer.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Channels:Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Channels:Telegram:BaseUrl"] = server.Url,
            ["Channels:Telegram:PollTimeoutSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var bed = new TelegramBed(server, new TempDirectory(), all, services);
        await bed.RestartAsync(first: true);
        return bed;
    }

    /// <summary>Stops the bot (if running) and starts a new one on the same state folder.</summary>
    public async Task RestartAsync(bool first = false)
    {
        if (!first)
        {
            await Bot.DisposeAsync();
        }

        Bot = await BotUnderTest.StartAsync(State, _settings, services: _services);
    }

    /// <summary>Queues the update and waits until the bot has confirmed it and handled what it received.</summary>
    public async Task DeliverAsync(System.Text.Json.Nodes.JsonObject update)
    {
        var id = Server.Push(update);
        await Server.WaitConfirmedAsync(id);
        await Bot.IdleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Server.DisposeAsync();
        State.Dispose();
    }
}
