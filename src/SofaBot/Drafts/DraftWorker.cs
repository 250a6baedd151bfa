using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Review;

namespace SofaBot.Drafts;

/// <summary>Drafts the queued review items one at a time, in the background: stores each draft on its item and has the
/// desks show it (the Telegram review message gains a Send draft button). At start it queues the pending items that
/// have no draft yet (a restart, or a model that was down), a bounded number of them.</summary>
internal sealed partial class DraftWorker(
    DraftQueue queue,
    IReviewStore store,
    ReviewQueue review,
    IServiceProvider services,
    IOptions<AssistantOptions> options,
    ILogger<DraftWorker> logger) : BackgroundService
{
    /// <summary>Items drafted at start at most: a long outage must not turn into a burst of model calls.</summary>
    public const int CatchUpMax = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsEnabled)
        {
            return;
        }

        // resolved only when an assistant is configured: without one no kernel (nor HTTP client) is ever built
        var writer = services.GetRequiredService<DraftWriter>();
        try
        {
            await CatchUpAsync(stoppingToken);
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DraftAsync(writer, id, stoppingToken);
                }
                finally
                {
                    queue.Done(id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var undrafted = (await store.ListAsync(ReviewStatus.Pending, 200, cancellationToken))
                .Where(i => i.Draft is null && i.Candidates.Count > 0)
                .Take(CatchUpMax)
                .ToList();
            foreach (var item in undrafted)
            {
                queue.Enqueue(item.Id);
            }

            if (undrafted.Count > 0)
            {
                LogCatchUp(undrafted.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(0, e.Message);
        }
    }

    private async Task DraftAsync(DraftWriter writer, long id, CancellationToken cancellationToken)
    {
        try
        {
            if (await store.GetAsync(id, cancellationToken) is not { IsDecided: false, Draft: null } item)
            {
                return;
            }

            if (await writer.WriteAsync(item, cancellationToken) is not { } draft
                || !await store.SetDraftAsync(id, draft, cancellationToken)
                || await store.GetAsync(id, cancellationToken) is not { } drafted)
            {
                return;
            }

            await review.AnnounceDraftAsync(drafted, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(id, e.Message);
        }
    }

    [LoggerMessage(3811, LogLevel.Information, "Drafting {Count} pending review items that have no draft yet")]
    private partial void LogCatchUp(int count);

    [LoggerMessage(3812, LogLevel.Warning, "Drafting review item {Id}: the store failed ({Reason}); the item stays without a draft")]
    private partial void LogStoreFailed(long id, string reason);
}
