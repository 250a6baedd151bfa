using Microsoft.Extensions.Logging;

namespace SofaBot.Diagnostics;

/// <summary>Every log message of SofaBot.Core, with event ids by area: 1xxx corpus, 2xxx index and retrieval.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(1001, LogLevel.Debug, "Loaded {Pairs} Q&A pairs from {Files} weeklies in {Root} ({Warnings} warnings) in {ElapsedMs:0.0} ms")]
    public static partial void CorpusLoaded(this ILogger logger, int pairs, int files, string root, int warnings, double elapsedMs);

    [LoggerMessage(1002, LogLevel.Warning, "Weekly {File} could not be parsed; skipped")]
    public static partial void WeeklyParseFailed(this ILogger logger, Exception exception, string file);

    [LoggerMessage(2001, LogLevel.Warning, "The embedder failed while embedding {Units} units; ranking continues with words alone (lexical only)")]
    public static partial void EmbedderUnavailable(this ILogger logger, Exception exception, int units);

    [LoggerMessage(2002, LogLevel.Warning, "The embedder failed on a query; this answer is ranked with words alone")]
    public static partial void QueryEmbeddingFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2003, LogLevel.Warning, "The embedder returned {Actual} dimensions where the index has {Expected}; this answer is ranked with words alone")]
    public static partial void EmbeddingDimensionsChanged(this ILogger logger, int actual, int expected);

    [LoggerMessage(2004, LogLevel.Debug, "Indexed {Units} units of {Pairs} pairs in {ElapsedMs:0.0} ms (vectors: {Vectors})")]
    public static partial void Indexed(this ILogger logger, int units, int pairs, double elapsedMs, string vectors);

    [LoggerMessage(2005, LogLevel.Warning, "The embedding cache failed; embeddings come from the embedder without it")]
    public static partial void EmbeddingCacheFailed(this ILogger logger, Exception exception);
}
