using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Channels.LocalChat;
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
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SofaBot");
            LogListening(logger, string.Join(", ", addresses));
            WarnIfLocalChatExposed(logger, app.Services.GetRequiredService<IOptions<LocalChatOptions>>().Value, addresses);
            // the host's own console lifetime turns SIGTERM and Ctrl-C into a graceful stop
            await app.WaitForShutdownAsync(CancellationToken.None);
            return VerbRunner.Ok;
        });

    /// <summary>The local chat lets anyone who reaches it post, read, and fill the review queue: say so when it is
    /// served beyond loopback, and say where it is not served when it was left to its default.</summary>
    private static void WarnIfLocalChatExposed(ILogger logger, LocalChatOptions chat, ICollection<string> addresses)
    {
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count == 0 || !chat.IsOn)
        {
            return;
        }

        if (chat.Enabled == true)
        {
            LogLocalChatExposed(logger, string.Join(", ", exposed));
        }
        else
        {
            LogLocalChatLoopbackOnly(logger, string.Join(", ", exposed));
        }
    }

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    [LoggerMessage(3041, LogLevel.Warning, "The local chat is served on {Addresses} (Channels:LocalChat:Enabled is true): anyone who reaches them can post, read the chat and fill the review queue. Leave the setting unset to serve it on loopback only, or set it to false")]
    private static partial void LogLocalChatExposed(ILogger logger, string addresses);

    [LoggerMessage(3042, LogLevel.Information, "The local chat is not served on {Addresses}, only on loopback (set Channels:LocalChat:Enabled to true to serve it there, or false to turn it off)")]
    private static partial void LogLocalChatLoopbackOnly(ILogger logger, string addresses);

    [LoggerMessage(3040, LogLevel.Information, "SofaBot is running. Local chat and /healthz at {Addresses}. Ctrl-C or SIGTERM stops it")]
    private static partial void LogListening(ILogger logger, string addresses);
}
