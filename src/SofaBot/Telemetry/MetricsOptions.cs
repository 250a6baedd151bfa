namespace SofaBot.Telemetry;

/// <summary>The <c>Telemetry:Metrics</c> section: the Prometheus endpoint <c>/metrics</c> (and OTLP export when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Telemetry:Metrics";

    /// <summary>Count and serve the metrics. On by default; keep <c>/metrics</c> off a public interface.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The pending review gauge is read from the store at most this often, in the background: a scrape
    /// never waits on the database, and a scrape storm never turns into a query storm.</summary>
    public int PendingReviewRefreshSeconds { get; set; } = 5;
}
