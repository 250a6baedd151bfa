using System.Diagnostics.Metrics;

namespace SofaBot.Retrieval.Vectors;

/// <summary>Counts the embedder's failures on the <c>SofaBot</c> meter (<c>sofabot.embedder.failures</c>, by stage).
/// The core stays free of any exporter: the host decides whether and where the meter is exported.</summary>
/// <remarks>Made through <see cref="IMeterFactory"/>, so it is the same <c>SofaBot</c> meter the host counts on, owned by
/// the container (disposed with it) rather than a process-wide static shared by every host in a test run.</remarks>
public sealed class EmbedderFailures(IMeterFactory meterFactory)
{
    /// <summary>The meter every SofaBot instrument is on.</summary>
    public const string MeterName = "SofaBot";

    /// <summary>Embedding every unit at start (the index then ranks with words alone).</summary>
    public const string Index = "index";

    /// <summary>Embedding units added at run time (learned answers, alternate wordings).</summary>
    public const string NewUnits = "new_units";

    /// <summary>Embedding a message (ranked with words alone for a pause after it).</summary>
    public const string Query = "query";

    private readonly Counter<long> _failures = meterFactory.Create(MeterName)
        .CreateCounter<long>("sofabot.embedder.failures", unit: "{failure}", description: "Embedder calls that failed, by stage (index, new_units, query)");

    internal void Add(string stage) => _failures.Add(1, new KeyValuePair<string, object?>("stage", stage));
}
