using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SofaBot.Tests.Fixtures;

/// <summary>Debian's nginx in front of SofaBot replicas, as <c>deploy/nginx/sofabot.conf</c> puts it (plain HTTP on
/// loopback here, the same proxy rules): its own process and folder, stopped at the end.</summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string HowToGetOne = "install it (Debian: sudo apt-get install nginx-light); .ci/run installs it";

    private static readonly string[] Places = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    private readonly Process _process;
    private readonly TempDirectory _folder;

    private NginxProcess(Process process, TempDirectory folder, string url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts nginx proxying to the replicas' addresses (<c>http://127.0.0.1:port</c>).</summary>
    public static async Task<NginxProcess> StartAsync(IEnumerable<string> replicas)
    {
        var nginx = Places.FirstOrDefault(File.Exists)
            ?? throw Requirement.Unmet($"This test needs nginx: not found in /usr/sbin or /usr/bin; {HowToGetOne}");
        var folder = new TempDirectory();
        var port = FreePort();
        var proxy = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "deploy", "nginx", "sofabot-proxy.conf"));
        folder.Write("sofabot-proxy.conf", proxy);
        var servers = string.Join("\n", replicas.Select(r => $"        server {new Uri(r).Authority} max_fails=1 fail_timeout=5s;"));
        var config = $$"""
            pid {{folder.Combine("nginx.pid")}};
            error_log {{folder.Combine("error.log")}};
            daemon off;
            events {}
            http {
                access_log off;
                client_body_temp_path {{folder.Combine("body")}};
                proxy_temp_path {{folder.Combine("proxy")}};
                upstream sofabot {
            {{servers}}
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 1m;
                    location / { proxy_pass http://sofabot; include {{folder.Combine("sofabot-proxy.conf")}}; }
                }
            }
            """;
        folder.Write("nginx.conf", config);
        var start = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", folder.Combine("nginx.conf"), "-p", folder.Path, "-e", folder.Combine("error.log") })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var url = $"http://127.0.0.1:{port}";
        using var client = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var _ = await client.GetAsync(url + "/healthz");
                return new NginxProcess(process, folder, url);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("nginx did not start listening");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
