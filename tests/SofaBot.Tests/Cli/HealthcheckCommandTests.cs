using System.Net;
using System.Net.Sockets;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary><c>healthcheck</c>, what the container runs: exit code 0 from a healthy <c>serve</c>, found through the
/// same Urls setting serve listens on; 1 with the address and the reason when nothing answers.</summary>
public sealed class HealthcheckCommandTests : IDisposable
{
    private readonly TempDirectory _state = new();

    [Fact]
    public async Task A_healthy_serve_found_through_its_urls_setting_exits_zero()
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Corpus__Path"] = TestPaths.BundledCorpus,
            ["Storage__Sqlite__ConnectionString"] = $"Data Source={_state.Combine("sofabot.db")}",
        };
        await using var serve = await ServeProcess.StartAsync(_state.Path, environment, $"http://0.0.0.0:{port}");

        // the container sets Urls once; the check reads it, with the wildcard host read as loopback
        var (exit, output, error) = await ProgramProcess.RunAsync(_state.Path, new Dictionary<string, string> { ["Urls"] = $"http://0.0.0.0:{port}" }, "healthcheck");

        Assert.True(exit == 0, error);
        Assert.Equal($"http://127.0.0.1:{port}/healthz: Healthy", output.Trim());
    }

    [Fact]
    public async Task Nothing_listening_exits_one_naming_the_address()
    {
        var url = $"http://127.0.0.1:{FreePort()}/healthz";

        var (exit, _, error) = await ProgramProcess.RunAsync(_state.Path, new Dictionary<string, string>(), "healthcheck", "--url", url);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{url}: no answer (", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused_naming_the_setting()
    {
        var (exit, _, error) = await ProgramProcess.RunAsync(_state.Path, new Dictionary<string, string>(), "healthcheck", "--url", "localhost:5080");

        Assert.Equal(2, exit);
        Assert.Contains("\"localhost:5080\" is not an http(s) URL (--url, or the Urls setting)", error, StringComparison.Ordinal);
    }

    public void Dispose() => _state.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
