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

    [LoggerMessage(2010, LogLevel.Debug, "Loaded the index of {Pairs} pairs ({Units} units) from the snapshot {File} in {ElapsedMs:0.0} ms")]
    public static partial void SnapshotLoaded(this ILogger logger, int pairs, int units, string file, double elapsedMs);

    [LoggerMessage(2011, LogLevel.Debug, "No index snapshot at {File} yet; indexing the corpus")]
    public static partial void SnapshotMissing(this ILogger logger, string file);

    // a changed corpus or setting is expected, not a fault: one line that says why this start is slower
    [LoggerMessage(2012, LogLevel.Information, "The index snapshot {File} is out of date ({Reason}); indexing the corpus again")]
    public static partial void SnapshotStale(this ILogger logger, string file, string reason);

    [LoggerMessage(2013, LogLevel.Warning, "The index snapshot {File} cannot be used ({Reason}); indexing the corpus again and replacing it")]
    public static partial void SnapshotUnusable(this ILogger logger, string file, string reason);

    [LoggerMessage(2014, LogLevel.Debug, "Wrote the index snapshot {File} ({Bytes} bytes) in {ElapsedMs:0.0} ms")]
    public static partial void SnapshotWritten(this ILogger logger, string file, long bytes, double elapsedMs);

    [LoggerMessage(2015, LogLevel.Warning, "The index snapshot could not be written to {File} ({Reason}); the next start indexes the corpus again. Point Retrieval:Snapshot:Folder at a writable folder, or set Retrieval:Snapshot:Enabled to false")]
    public static partial void SnapshotNotWritten(this ILogger logger, string file, string reason);

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
