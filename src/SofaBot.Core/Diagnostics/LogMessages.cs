using Microsoft.Extensions.Logging;

namespace SofaBot.Diagnostics;

/// <summary>Every log message of SofaBot.Core, with event ids by area: 1xxx corpus.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(1001, LogLevel.Debug, "Loaded {Pairs} Q&A pairs from {Files} weeklies in {Root} ({Warnings} warnings) in {ElapsedMs:0.0} ms")]
    public static partial void CorpusLoaded(this ILogger logger, int pairs, int files, string root, int warnings, double elapsedMs);

    [LoggerMessage(1002, LogLevel.Warning, "Weekly {File} could not be parsed; skipped")]
    public static partial void WeeklyParseFailed(this ILogger logger, Exception exception, string file);
}
