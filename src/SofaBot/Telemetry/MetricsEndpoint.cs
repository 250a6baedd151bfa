using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace SofaBot.Telemetry;

/// <summary><c>GET /metrics</c>: the <c>SofaBot</c> meter in Prometheus text, when <c>Telemetry:Metrics:Enabled</c>
/// (else nothing is mapped, and the path is a 404).</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void Map(WebApplication app, MetricsOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        // the gauges observe the dispatcher and the review queue, which exist once the container is built
        app.Services.GetRequiredService<PendingGauges>();
        app.MapPrometheusScrapingEndpoint(Path);
    }
}
