using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SofaBot.Hosting;
using SofaBot.Messaging;
using SofaBot.Tests.Embeddings;

namespace SofaBot.Tests.Fixtures;

/// <summary>The real bot host (<see cref="BotHost"/>, as <c>serve</c> builds it) on a loopback port, with the
/// bundled corpus, a SQLite file in a folder of the test's, the test's settings, and <see cref="InstantTime"/> for its
/// waits. Start it again on the same folder to test a restart.</summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BotUnderTest(WebApplication app, RecordingLoggerProvider logs, InstantTime time)
    {
        _app = app;
        Logs = logs;
        Time = time;
    }

    public IServiceProvider Services => _app.Services;

    public RecordingLoggerProvider Logs { get; }

    public InstantTime Time { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string Url { get; private set; } = "";

    /// <param name="state">The folder for the SQLite file (the same folder again = a restart).</param>
    /// <param name="settings">Configuration on top of appsettings.json, e.g. <c>Channels:Telegram:BotToken</c>.</param>
    /// <param name="services">Changes to the host's services, applied last (e.g. a store that fails on demand).</param>
    public static async Task<BotUnderTest> StartAsync(TempDirectory state, IReadOnlyDictionary<string, string?>? settings = null, InstantTime? time = null, Action<IServiceCollection>? services = null)
    {
        var logs = new RecordingLoggerProvider();
        time ??= new InstantTime();
        var app = BotHost.Build(["--urls", "http://127.0.0.1:0"], TestPaths.BundledCorpus, builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Sqlite:ConnectionString"] = $"Data Source={state.Combine("sofabot.db")}",
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft"] = "Warning",
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Services.AddSingleton(new Clock(time));
            services?.Invoke(builder.Services);
        });
        var bot = new BotUnderTest(app, logs, time);
        await app.StartAsync();
        bot.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return bot;
    }

    /// <summary>Waits until every message received so far is handled.</summary>
    public Task IdleAsync() => Services.GetRequiredService<ConversationDispatcher>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
