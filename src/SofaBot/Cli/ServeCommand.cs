using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SofaBot.Hosting;

namespace SofaBot.Cli;

/// <summary><c>serve</c> (also the default with no verb): runs the bot until SIGTERM or Ctrl-C.</summary>
internal static partial class ServeCommand
{
    public static readonly Option<string?> UrlsOption = new("--urls")
    {
        Description = "Where to listen, overriding Urls from appsettings.json (default http://127.0.0.1:5080)",
        HelpName = "urls",
    };

    public static Command Build()
    {
        var command = new Command("serve", "Run the bot: index the corpus, start the configured channels, serve the local chat, /healthz and webhooks") { UrlsOption };
        command.SetAction(RunAsync);
        return command;
    }

    public static Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) =>
        VerbRunner.RunGuardedAsync(parse, async () =>
        {
            string[] args = parse.GetValue(UrlsOption) is { } urls ? ["--urls", urls] : [];
            await using var app = BotHost.Build(args, parse.GetValue(SofaBotCli.CorpusOption));
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            LogListening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SofaBot"), string.Join(", ", addresses));
            // the host's own console lifetime turns SIGTERM and Ctrl-C into a graceful stop
            await app.WaitForShutdownAsync(CancellationToken.None);
            return VerbRunner.Ok;
        });

    [LoggerMessage(3040, LogLevel.Information, "SofaBot is running. Local chat and /healthz at {Addresses}. Ctrl-C or SIGTERM stops it")]
    private static partial void LogListening(ILogger logger, string addresses);
}
