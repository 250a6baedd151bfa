using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SofaBot.Retrieval.Vectors;
using SofaBot.Telemetry;

namespace SofaBot.Hosting;

/// <summary>Registers the bot's metrics: the instruments always (the code that counts needs them; unexported they cost
/// next to nothing), OpenTelemetry with the Prometheus exporter when <c>Telemetry:Metrics:Enabled</c>, and OTLP
/// export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
/// <remarks>Only the <c>SofaBot</c> meter is exported: no HTTP client or server instrumentation, no tracing. The
/// Telegram token is part of every Bot API URL, so nothing that sees those requests may report on them.</remarks>
internal static class TelemetryServices
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Registers what <see cref="MetricsOptions"/> asks for and returns the options, read now: whether the
    /// exporter exists decides what is registered. A non-boolean <c>Enabled</c> throws the binder's error, which names
    /// the key.</summary>
    public static MetricsOptions AddSofaBotMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.TryAddSingleton<PendingReviewCount>();
        services.TryAddSingleton<PendingGauges>();

        var options = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled)
        {
            return options;
        }

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("sofabot"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EmbedderFailures.MeterName);
                // no scrape cache: a scrape shows what was counted up to it (the endpoint is for a scraper, not the public)
                metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    // the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and OTEL_METRIC_EXPORT_INTERVAL itself
                    metrics.AddOtlpExporter();
                }
            });
        return options;
    }
}
