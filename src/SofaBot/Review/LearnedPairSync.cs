using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Hosting;
using SofaBot.Learning;

namespace SofaBot.Review;

/// <summary>Brings into this replica's live index what another replica learned in review (approved wordings, new and
/// edited pairs), within <see cref="ReviewOptions.LearnedSyncSeconds"/>: replicas share the store, not the index,
/// and without this a pair learned on one reached the others only at their next start.</summary>
/// <remarks>It lists the learned entries and applies those this replica has not seen. Seen is kept by id, not as a
/// highest id: on PostgreSQL two replicas' inserts can commit out of id order, and a highest-id cursor would skip the
/// one that committed last. Applying an entry twice is harmless (the index ignores what it has), so the entries
/// learned here, or at start, cost one lookup each on the next pass and no log line above Debug.</remarks>
internal sealed partial class LearnedPairSync(
    KnowledgeIndexService index,
    IReviewStore store,
    IOptions<ReviewOptions> options,
    ILogger<LearnedPairSync> logger) : BackgroundService
{
    private readonly HashSet<long> _seen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.LearnedSyncSeconds);
        if (every <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            var knowledge = await index.GetAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                // real time, like the other housekeeping loops: a test's fast clock must not make it spin
                await Task.Delay(every, stoppingToken);
                await SyncOnceAsync(knowledge, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // the index failed to load: start-up reports that; nothing to sync
            LogStopped(e.Message);
        }
    }

    /// <summary>One pass; returns how many entries were new to this replica.</summary>
    public async Task<int> SyncOnceAsync(Retrieval.KnowledgeIndex knowledge, CancellationToken cancellationToken)
    {
        IReadOnlyList<LearnedEntry> entries;
        try
        {
            entries = await store.ListLearnedAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // the store is down for a moment: the next pass catches up
            LogListFailed(e.Message);
            return 0;
        }

        var fresh = entries.Where(e => !_seen.Contains(e.Id)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var applied = await knowledge.LearnAsync(fresh, cancellationToken);
        _seen.UnionWith(fresh.Select(e => e.Id));
        if (applied > 0)
        {
            LogApplied(applied);
        }

        return fresh.Count;
    }

    [LoggerMessage(3330, LogLevel.Information, "Learned in review on another replica, applied to this one's index: {Applied}")]
    private partial void LogApplied(int applied);

    [LoggerMessage(3331, LogLevel.Warning, "Could not list what was learned in review: {Reason}; trying again in a few seconds")]
    private partial void LogListFailed(string reason);

    [LoggerMessage(3332, LogLevel.Debug, "Learned-pair sync stopped: {Reason}")]
    private partial void LogStopped(string reason);
}
