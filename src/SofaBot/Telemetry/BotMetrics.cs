using System.Diagnostics;
using System.Diagnostics.Metrics;
using SofaBot.Answering;
using SofaBot.Retrieval.Vectors;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Telemetry;

/// <summary>What the bot counts on the <c>SofaBot</c> meter: messages by channel and outcome, decisions, reply
/// latency, send retries and rate limits, review items. README "Metrics" lists every name as Prometheus shows it.</summary>
/// <remarks>Labels are only ever closed sets (channel names, outcomes, kinds, verdicts): never a chat id, a user, a
/// text or a URL, so no label can carry a token or grow without bound. The gauges are <see cref="PendingGauges"/>'s.</remarks>
internal sealed class BotMetrics
{
    /// <summary>Receipt to reply sent: a cached answer takes tens of milliseconds, a reply held by flood control or a
    /// remote embedder seconds, retries up to a minute (the last bucket counts everything slower).</summary>
    private static readonly double[] LatencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _messages;
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _replySeconds;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _reviewOpened;
    private readonly Counter<long> _reviewDecided;

    public BotMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(EmbedderFailures.MeterName);
        _messages = meter.CreateCounter<long>("sofabot.messages", unit: "{message}",
            description: "Messages received, by channel and outcome (replied, skipped, failed, duplicate, overheard)");
        _decisions = meter.CreateCounter<long>("sofabot.decisions", unit: "{decision}",
            description: "Decisions made on received messages, by kind (answer, suggest, ignore)");
        // without advice the SDK's default buckets (0 to 10000) are meant for milliseconds: every reply would land in one
        _replySeconds = meter.CreateHistogram("sofabot.reply.duration", unit: "s",
            description: "From receipt of a message to its reply accepted by the platform, by channel",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _retries = meter.CreateCounter<long>("sofabot.send.retries", unit: "{retry}",
            description: "Sends repeated after a 429, a server or a network error, by channel");
        _rateLimited = meter.CreateCounter<long>("sofabot.rate_limited", unit: "{response}",
            description: "HTTP 429 answers from the platform's API, by channel");
        _reviewOpened = meter.CreateCounter<long>("sofabot.review.opened", unit: "{item}",
            description: "Review items opened, by kind (suggest, noanswer, feedback)");
        _reviewDecided = meter.CreateCounter<long>("sofabot.review.decided", unit: "{item}",
            description: "Review items decided, by verdict (approved, edited, rejected, not_a_question, expired)");
    }

    /// <summary>A message finished, was dropped as a redelivery, or was overheard (not meant for the bot).</summary>
    public void Message(string channel, string outcome) =>
        _messages.Add(1, new("channel", channel), new("outcome", outcome));

    /// <summary>A message finished with <paramref name="outcome"/>.</summary>
    public void Message(string channel, MessageOutcome outcome) => Message(channel, Label(outcome));

    public void Decision(DecisionKind kind) => _decisions.Add(1, new KeyValuePair<string, object?>("kind", Label(kind)));

    /// <param name="receivedAt">A <see cref="Stopwatch.GetTimestamp"/> taken when the message was received.</param>
    public void Replied(string channel, long receivedAt) =>
        _replySeconds.Record(Stopwatch.GetElapsedTime(receivedAt).TotalSeconds, new KeyValuePair<string, object?>("channel", channel));

    public void SendRetried(string channel) => _retries.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void RateLimited(string channel) => _rateLimited.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void ReviewOpened(ReviewReason kind) => _reviewOpened.Add(1, new KeyValuePair<string, object?>("kind", Label(kind)));

    public void ReviewDecided(ReviewItem item) => _reviewDecided.Add(1, new KeyValuePair<string, object?>("verdict", Verdict(item)));

    /// <summary>The verdict label: a rejection marked "not a question" is told apart, as the review page does.</summary>
    private static string Verdict(ReviewItem item) =>
        item is { Status: ReviewStatus.Rejected, Note: "not a question" } ? "not_a_question" : Label(item.Status);

    private static string Label<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
