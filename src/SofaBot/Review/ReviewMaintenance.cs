using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SofaBot.Review;

/// <summary>Keeps the queue honest over time: at start it expires stale items, posts what was approved but never
/// posted (a crash between the decision and the post) and shows desks the items they never saw; then, every few
/// minutes, it expires stale items and posts approvals whose platform was down when they were made.</summary>
internal sealed partial class ReviewMaintenance(ReviewQueue queue, ReviewPublisher publisher, ILogger<ReviewMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // expire first: what a long outage left stale is not announced at start only to expire minutes later
            await RunOnceAsync(stoppingToken);
            await CatchUpAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                // housekeeping on real time, like the inbox recovery: a test's fast clock must not make it spin
                await Task.Delay(Every, stoppingToken);
                await RunOnceAsync(stoppingToken);
                // an approval whose platform was down, or whose poster died mid-post, once its claim is stale
                await RepostAsync(atStart: false, stoppingToken);
                // an item whose poster died mid-post, once its claim is stale (several replicas: any may do it)
                await AnnounceMissedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await RepostAsync(atStart: true, cancellationToken);
        await AnnounceMissedAsync(cancellationToken);
    }

    /// <summary>Posts approved answers not posted yet (tests call it after moving the clock past the claim timeout).</summary>
    public async Task RepostAsync(bool atStart, CancellationToken cancellationToken)
    {
        try
        {
            var reposted = await publisher.ResumeAsync(atStart, cancellationToken);
            if (reposted > 0)
            {
                LogReposted(reposted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e.Message);
        }
    }

    /// <summary>Shows desks the pending items they never saw; a desk claims an item before posting it, so replicas
    /// doing this at once, or while the replica that opened an item posts it, post each item once.</summary>
    private async Task AnnounceMissedAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var item in await queue.ListAsync(ReviewStatus.Pending, 200, cancellationToken))
            {
                if (item.ReviewMessageId is null)
                {
                    await queue.AnnounceAsync(item, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e.Message);
        }
    }

    /// <summary>One expiry pass (tests call it instead of waiting five minutes).</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var expired = await queue.ExpireAsync(cancellationToken);
            if (expired > 0)
            {
                LogExpired(expired);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e.Message);
        }
    }

    [LoggerMessage(3320, LogLevel.Information, "Posted approved answers of {Count} items that were left unposted")]
    private partial void LogReposted(int count);

    [LoggerMessage(3321, LogLevel.Information, "{Count} review items expired unanswered")]
    private partial void LogExpired(int count);

    [LoggerMessage(3322, LogLevel.Warning, "Review housekeeping failed: {Reason}; trying again later")]
    private partial void LogFailed(string reason);
}
