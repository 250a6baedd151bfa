using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Diagnostics;
using SofaBot.Review;

namespace SofaBot.Telemetry;

/// <summary>How many review items are pending, as last read from the store. Reading it returns at once: when the
/// count is older than <see cref="MetricsOptions.PendingReviewRefreshSeconds"/> a read is started in the background and
/// the next scrape sees its result. Nothing is read while nobody scrapes.</summary>
/// <remarks>The store is shared by the replicas, so every replica reports the same number: in Prometheus take the
/// max over instances, not the sum.</remarks>
internal sealed partial class PendingReviewCount(ReviewQueue queue, IOptions<MetricsOptions> options, IHostApplicationLifetime lifetime, ILogger<PendingReviewCount> logger)
{
    /// <summary>Items listed at most per read; a queue longer than this is reported as this many.</summary>
    public const int MaxCounted = 10_000;

    private int _count = -1;
    private long _readAt;
    private int _reading;

    /// <summary>The last count read; null until the first read has finished.</summary>
    public int? Current
    {
        get
        {
            RefreshIfStale();
            var count = Volatile.Read(ref _count);
            return count < 0 ? null : count;
        }
    }

    private void RefreshIfStale()
    {
        var readAt = Interlocked.Read(ref _readAt);
        var stale = readAt == 0 || Stopwatch.GetElapsedTime(readAt).TotalSeconds >= options.Value.PendingReviewRefreshSeconds;
        // one read at a time: scrapes that come while it runs get the previous count
        if (stale && Interlocked.CompareExchange(ref _reading, 1, 0) == 0)
        {
            _ = Task.Run(ReadAsync);
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            var pending = await queue.ListAsync(ReviewStatus.Pending, MaxCounted, lifetime.ApplicationStopping);
            Volatile.Write(ref _count, pending.Count);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // the gauge keeps its last value; the store's trouble shows in /healthz and the other logs
            LogFailed(LogMessages.Reason(e));
        }
        finally
        {
            Interlocked.Exchange(ref _readAt, Stopwatch.GetTimestamp());
            Volatile.Write(ref _reading, 0);
        }
    }

    [LoggerMessage(3501, LogLevel.Warning, "Counting the pending review items for the metrics failed: {Reason}; the gauge keeps its last value")]
    private partial void LogFailed(string reason);
}
