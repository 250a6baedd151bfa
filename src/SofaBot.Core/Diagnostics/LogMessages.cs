using Microsoft.Extensions.Logging;

namespace SofaBot.Diagnostics;

/// <summary>Every log message of SofaBot.Core, with event ids by area: 1xxx corpus, 2xxx index and retrieval.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(1001, LogLevel.Debug, "Loaded {Pairs} Q&A pairs from {Files} weeklies in {Root} ({Warnings} warnings) in {ElapsedMs:0.0} ms")]
    public static partial void CorpusLoaded(this ILogger logger, int pairs, int files, string root, int warnings, double elapsedMs);

    [LoggerMessage(1002, LogLevel.Warning, "Weekly {File} could not be parsed; skipped")]
    public static partial void WeeklyParseFailed(this ILogger logger, Exception exception, string file);

    // the reason goes into the line itself: an operator sees "connection refused" or "timed out" at a glance,
    // without a stack trace from the HTTP client
    [LoggerMessage(2001, LogLevel.Warning, "The embedder failed while embedding {Units} units ({Reason}); ranking continues with words alone (lexical only)")]
    public static partial void EmbedderUnavailable(this ILogger logger, int units, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "The embedder failed on a query ({Reason}); messages are ranked with words alone for the next {PauseSeconds} s")]
    public static partial void QueryEmbeddingFailed(this ILogger logger, string reason, double pauseSeconds);

    [LoggerMessage(2003, LogLevel.Warning, "The embedder returned {Actual} dimensions where the index has {Expected}; this answer is ranked with words alone. If the model behind Retrieval:OpenAI:Model changed, delete the embedding cache (the embedding_cache table of the Storage database) and restart")]
    public static partial void EmbeddingDimensionsChanged(this ILogger logger, int actual, int expected);

    [LoggerMessage(2004, LogLevel.Debug, "Indexed {Units} units of {Pairs} pairs in {ElapsedMs:0.0} ms (vectors: {Vectors})")]
    public static partial void Indexed(this ILogger logger, int units, int pairs, double elapsedMs, string vectors);

    [LoggerMessage(2005, LogLevel.Warning, "The embedding cache failed ({Reason}); embeddings come from the embedder without it until it works again")]
    public static partial void EmbeddingCacheFailed(this ILogger logger, string reason);

    [LoggerMessage(2006, LogLevel.Warning, "The embedder failed on {Units} new units ({Reason}); they are found by their words until the next start")]
    public static partial void EmbedderFailedOnNewUnits(this ILogger logger, int units, string reason);

    [LoggerMessage(2007, LogLevel.Information, "The embedding cache works again")]
    public static partial void EmbeddingCacheRecovered(this ILogger logger);

    [LoggerMessage(2008, LogLevel.Warning, "Learned entry {Id} ({Kind}, pair {PairId}) is not applied: {Reason}")]
    public static partial void LearnedEntryIgnored(this ILogger logger, long id, string kind, string pairId, string reason);

    [LoggerMessage(2009, LogLevel.Debug, "Learned entry {Id} (pair {PairId}) is already in the index")]
    public static partial void LearnedEntryKnown(this ILogger logger, long id, string pairId);

    /// <summary>An exception's message and its inner causes on one line, each said once (HTTP clients wrap the
    /// same timeout message two or three times, and some span lines).</summary>
    public static string Reason(Exception exception)
    {
        var reasons = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var message = string.Join(' ', e.Message.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            if (message.Length == 0 || reasons.Any(r => r.Contains(message, StringComparison.Ordinal)))
            {
                continue;
            }

            reasons.RemoveAll(r => message.Contains(r, StringComparison.Ordinal));
            reasons.Add(message);
        }

        return string.Join(": ", reasons);
    }
}
