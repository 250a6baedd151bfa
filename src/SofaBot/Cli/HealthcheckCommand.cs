using System.CommandLine;
using System.Text.Json.Nodes;

namespace SofaBot.Cli;

/// <summary><c>healthcheck [--url]</c>: asks a running <c>serve</c> for <c>/healthz</c> and exits 0 when it is healthy,
/// 1 otherwise, saying why. The container's HEALTHCHECK runs it: the runtime image has no curl, and the program
/// already knows where it listens.</summary>
/// <remarks>It reads only where <c>serve</c> listens (<c>--url</c>, else the <c>Urls</c> setting from the environment
/// or appsettings.json beside the program) and builds no host: it runs every few seconds in a container.</remarks>
internal static class HealthcheckCommand
{
    private static readonly Option<string?> UrlOption = new("--url")
    {
        Description = "The health endpoint to ask (default: /healthz on the first address of Urls, with a wildcard host read as 127.0.0.1)",
        HelpName = "url",
    };

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Build()
    {
        var command = new Command("healthcheck", "Ask a running serve whether it is healthy (/healthz): exit code 0 when it is, 1 with the reason otherwise") { UrlOption };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var url = parse.GetValue(UrlOption) ?? DefaultUrl();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"healthcheck: \"{url}\" is not an http(s) URL (--url, or the Urls setting)");
            return VerbRunner.BadSetup;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(uri, cancellationToken);
            var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync($"{uri}: {body}");
                return VerbRunner.Ok;
            }

            await error.WriteLineAsync($"{uri}: {(int)response.StatusCode} {body}");
            return VerbRunner.NotFound;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{uri}: no answer ({e.Message})");
            return VerbRunner.NotFound;
        }
    }

    /// <summary>/healthz on the first address <c>serve</c> listens on, as the host reads <c>Urls</c>: the environment
    /// first (<c>Urls</c>, <c>ASPNETCORE_URLS</c>), then appsettings.json beside the program.</summary>
    private static string DefaultUrl()
    {
        var urls = Environment.GetEnvironmentVariable("Urls")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS")
            ?? SettingsUrls()
            ?? "http://127.0.0.1:5080";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? urls;

        // a wildcard host listens everywhere, loopback included; Uri cannot parse "+" or "*"
        var local = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return local.TrimEnd('/') + "/healthz";
    }

    private static string? SettingsUrls()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        try
        {
            return File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })?["Urls"]?.GetValue<string>() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // serve would stop on this file with its own message; here the default address is as good a guess
            return null;
        }
    }
}
