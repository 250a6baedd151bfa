using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Hosting;

/// <summary><c>serve --urls http://0.0.0.0:…</c> no longer hands the local chat to anyone who can reach the host: left
/// to its default it answers on loopback only and says so at start; set to true on purpose, it is served everywhere
/// with a warning.</summary>
public sealed class LocalChatExposureTests : IDisposable
{
    private readonly TempDirectory _state = new();

    [Fact]
    public async Task By_default_a_host_listening_everywhere_serves_the_local_chat_on_loopback_only()
    {
        var (loopback, outside, output) = await PostBothWaysAsync(enabled: null);

        Assert.Equal(HttpStatusCode.OK, loopback);
        Assert.Contains("The local chat is not served on", output, StringComparison.Ordinal);
        Assert.True(outside is null or HttpStatusCode.NotFound, $"from another address: {outside}");
    }

    [Fact]
    public async Task Turned_on_explicitly_it_is_served_everywhere_with_a_warning()
    {
        var (loopback, outside, output) = await PostBothWaysAsync(enabled: "true");

        Assert.Equal(HttpStatusCode.OK, loopback);
        Assert.True(outside is null or HttpStatusCode.OK, $"from another address: {outside}");
        Assert.Contains("anyone who reaches them can post, read the chat and fill the review queue", output, StringComparison.Ordinal);
    }

    public void Dispose() => _state.Dispose();

    /// <summary>Posts on loopback and, when this machine has one, on another address of its own (null: none).</summary>
    private async Task<(HttpStatusCode Loopback, HttpStatusCode? Outside, string Output)> PostBothWaysAsync(string? enabled)
    {
        var address = OutsideAddress();
        var port = NginxProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Corpus__Path"] = TestPaths.BundledCorpus,
            ["Storage__Sqlite__ConnectionString"] = $"Data Source={_state.Combine("sofabot.db")}",
        };
        if (enabled is not null)
        {
            environment["Channels__LocalChat__Enabled"] = enabled;
        }

        await using var serve = await ServeProcess.StartAsync(_state.Path, environment, $"http://0.0.0.0:{port}");
        using var client = new HttpClient();
        using var loopback = await client.PostAsJsonAsync($"http://127.0.0.1:{port}/chat/messages", new { author = "alice", text = "hello" });
        HttpStatusCode? outside = null;
        if (address is not null)
        {
            using var response = await client.PostAsJsonAsync($"http://{address}:{port}/chat/messages", new { author = "mallory", text = "hello" });
            outside = response.StatusCode;
        }

        await serve.WaitForLineAsync(new System.Text.RegularExpressions.Regex("local chat"));
        return (loopback.StatusCode, outside, serve.Output);
    }

    private static IPAddress? OutsideAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
