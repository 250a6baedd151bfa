using System.Net;
using System.Text.RegularExpressions;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.Hosting;

/// <summary><c>serve</c> as its own process: environment variables configure it, SIGTERM stops it cleanly, and bad
/// channel settings stop it at start with the key named.</summary>
public sealed partial class ServeProcessTests
{
    private static Dictionary<string, string> Environment(TempDirectory state) => new()
    {
        ["Corpus__Path"] = TestPaths.BundledCorpus,
        ["Storage__Sqlite__ConnectionString"] = $"Data Source={state.Combine("sofabot.db")}",
    };

    [Fact]
    public async Task Sigterm_stops_the_bot_cleanly_with_exit_code_zero()
    {
        using var state = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(state.Path, Environment(state));
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(serve.Url + "/healthz")).StatusCode);

        var exit = await serve.TerminateAsync();

        Assert.Equal(0, exit);
        Assert.Contains("Application is shutting down", serve.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(state.Combine("sofabot.db")));
    }

    [Fact]
    public async Task The_telegram_token_comes_from_the_environment_and_never_reaches_the_output()
    {
        using var state = new TempDirectory();
        await using var telegram = await FakeTelegramServer.StartAsync();
        var environment = Environment(state);
        environment["Channels__Telegram__BotToken"] = FakeTelegramServer.Token;
        environment["Channels__Telegram__BaseUrl"] = telegram.Url;
        environment["Logging__LogLevel__Default"] = "Debug";
        environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace";
        await using var serve = await ServeProcess.StartAsync(state.Path, environment);

        await serve.WaitForLineAsync(PollingLine());
        await serve.TerminateAsync();

        Assert.Contains("getMe", telegram.Calls);
        Assert.DoesNotContain(FakeTelegramServer.Token.Split(':')[1], serve.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Channels__Telegram__Mode", "Pigeon", "Channels:Telegram:Mode")]
    [InlineData("Channels__Telegram__BaseUrl", "api.telegram.org", "Channels:Telegram:BaseUrl")]
    [InlineData("Channels__Telegram__BaseUrl", "https://example.org/telegram", "Channels:Telegram:BaseUrl")]
    [InlineData("Channels__Telegram__BotToken", "12345678901234567:TEST-secret_token-value", "Channels:Telegram:BotToken")]
    [InlineData("Channels__Telegram__BotToken", "not a token", "Channels:Telegram:BotToken")]
    [InlineData("Chat__MaxConcurrentChats", "0", "Chat:MaxConcurrentChats")]
    public async Task A_bad_setting_of_a_channel_that_is_on_stops_start_up_naming_the_key(string variable, string value, string key)
    {
        using var state = new TempDirectory();
        var environment = Environment(state);
        environment["Channels__Telegram__BotToken"] = "123456:TEST-secret_token-value";
        environment[variable] = value;

        var (exit, _, error) = await ProgramProcess.RunAsync(state.Path, environment, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_token-value", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_mode_without_a_secret_names_the_key()
    {
        using var state = new TempDirectory();
        var environment = Environment(state);
        environment["Channels__Telegram__BotToken"] = "123456:TEST-secret_token-value";
        environment["Channels__Telegram__Mode"] = "Webhook";

        var (exit, _, error) = await ProgramProcess.RunAsync(state.Path, environment, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Contains("Channels:Telegram:WebhookSecret", error, StringComparison.Ordinal);
    }

    [GeneratedRegex("Telegram: polling for updates")]
    private static partial Regex PollingLine();
}
