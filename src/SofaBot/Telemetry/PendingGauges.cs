using System.Diagnostics.Metrics;
using SofaBot.Messaging;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Telemetry;

/// <summary>The two gauges, observed at each scrape: messages received and not finished in this process, and review
/// items pending in the store. Neither callback waits on anything: the first is an in-memory count, the second the
/// last count <see cref="PendingReviewCount"/> read in the background.</summary>
/// <remarks>Apart from <see cref="BotMetrics"/> because it observes the dispatcher, which (through the handler)
/// counts on <see cref="BotMetrics"/>.</remarks>
internal sealed class PendingGauges
{
    public PendingGauges(IMeterFactory meterFactory, ConversationDispatcher dispatcher, PendingReviewCount review)
    {
        var meter = meterFactory.Create(EmbedderFailures.MeterName);
        meter.CreateObservableGauge("sofabot.inbox.pending", () => dispatcher.InHand, unit: "{message}",
            description: "Messages received and not finished in this process (queued or being answered); sum over replicas");
        meter.CreateObservableGauge("sofabot.review.pending", () => review.Current is { } count ? [new Measurement<int>(count)] : Array.Empty<Measurement<int>>(),
            unit: "{item}", description: "Review items waiting for a maintainer, as last read from the store (every replica reads the same store)");
    }
}
