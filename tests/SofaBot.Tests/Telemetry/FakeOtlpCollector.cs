using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SofaBot.Tests.Telemetry;

/// <summary>An OTLP/HTTP collector on 127.0.0.1 (Kestrel) that keeps every metrics export it receives. The bodies are
/// protobuf; instrument names are plain UTF-8 in them, which is all the tests look for.</summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _exports = new();

    private FakeOtlpCollector(WebApplication app)
    {
        _app = app;
        _app.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _exports.Enqueue(body.ToArray());
            // an empty ExportMetricsServiceResponse: everything accepted
            return Results.Bytes([], "application/x-protobuf");
        });
    }

    public string Url { get; private set; } = "";

    /// <summary>Whether any export so far names the instrument.</summary>
    public bool Received(string instrument) => _exports.Any(e => Encoding.UTF8.GetString(e).Contains(instrument, StringComparison.Ordinal));

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = new FakeOtlpCollector(builder.Build());
        await collector._app.StartAsync();
        collector.Url = collector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
