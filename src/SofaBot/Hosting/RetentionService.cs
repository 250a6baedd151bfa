using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Units;
using SofaBot.Retrieval.Vectors;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Hosting;

/// <summary>Keeps the state bounded: once the index is ready, and then every <c>Storage:RetentionSweepHours</c>, runs
/// the <see cref="RetentionSweep"/> and logs what it deleted. A failure is one warning and is retried at the next
/// sweep; it never stops the bot. Replicas sweeping at once are harmless: every delete is idempotent.</summary>
internal sealed partial class RetentionService(
    RetentionSweep sweep,
    KnowledgeIndexService index,
    IOptions<StorageOptions> storage,
    IOptions<ReviewOptions> review,
    Clock clock,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = storage.Value.RetentionSweepHours;
        if (every == 0)
        {
            return;
        }

        try
        {
            // the cache sweep needs the index's texts; a start that failed to index stops the host anyway
            await index.GetAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                // housekeeping on real time, like the review expiry: a test's fast clock must not make it spin
                await Task.Delay(TimeSpan.FromHours(every), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep (tests call it instead of waiting hours); false when it failed (logged).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = clock.UtcNow;
            var messages = storage.Value.RetainMessagesDays is var days and > 0
                ? await sweep.DeleteFinishedMessagesAsync(now - TimeSpan.FromDays(days), cancellationToken)
                : 0;
            var reviewed = review.Value.RetainDays is var reviewDays and > 0
                ? await sweep.DeleteDecidedReviewItemsAsync(now - TimeSpan.FromDays(reviewDays), cancellationToken)
                : new ReviewRemoval(0, 0, 0);
            var vectors = await SweepEmbeddingsAsync(await index.GetAsync(cancellationToken), cancellationToken);
            LogSwept(messages, reviewed.Items, reviewed.Decisions, reviewed.Votes, vectors);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e.Message, storage.Value.RetentionSweepHours);
            return false;
        }
    }

    /// <summary>Deletes cached vectors the live index does not use. Only when the index ranks with a cached (remote)
    /// embedder: with the offline embedder, or a remote one that failed at start, nobody can say what is in use, and
    /// the cache is what makes the next start with the remote embedder cheap, so it is left alone.</summary>
    private async Task<int> SweepEmbeddingsAsync(KnowledgeIndex knowledge, CancellationToken cancellationToken)
    {
        var retriever = knowledge.Retriever;
        if (retriever.Embedding.Embedder?.GetService<CachingEmbeddingGenerator>() is not { } cached || retriever.Embedding.Vectors is null)
        {
            return 0;
        }

        // rows stored from here on (a unit learned while the keys are listed) are younger than this and stay
        var listedAt = DateTimeOffset.UtcNow;
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 0; id < retriever.Count; id++)
        {
            inUse.Add(CachingEmbeddingGenerator.Key(UnitSource.EmbeddingText(retriever.Unit(id))));
        }

        return await sweep.DeleteUnusedEmbeddingsAsync(cached.Model, inUse, listedAt, cancellationToken);
    }

    [LoggerMessage(3070, LogLevel.Information, "Retention sweep deleted {Messages} finished messages, {Items} decided review items, {Decisions} decision-log rows, {Votes} votes and {Vectors} unused cached vectors")]
    private partial void LogSwept(int messages, int items, int decisions, int votes, int vectors);

    [LoggerMessage(3071, LogLevel.Warning, "Retention sweep failed: {Reason}; trying again in {Hours} h")]
    private partial void LogFailed(string reason, int hours);
}
