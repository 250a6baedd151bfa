using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Storage;

namespace SofaBot.Messaging;

/// <summary>Prepares the store at start and resumes messages received but never finished: at start, those a previous
/// run left (a crash, a shutdown mid-reply); then, every so often, those whose instance stopped answering (several
/// replicas on PostgreSQL). Messages too old to answer are dropped with a note.</summary>
internal sealed partial class InboxRecovery(IStateStore store, Inbox inbox, Clock clock, IOptions<StorageOptions> storage, IOptions<ChatOptions> options, ILogger<InboxRecovery> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        // a SQLite file belongs to one host, so whatever it left unfinished is resumed at once; replicas sharing
        // PostgreSQL wait until a claim is stale, since its owner may still be working on it
        var singleHost = !StorageOptionsValidator.IsPostgres(storage.Value);
        await ResumeAsync(singleHost ? clock.UtcNow : clock.UtcNow - ClaimTimeout, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    private TimeSpan ClaimTimeout => TimeSpan.FromSeconds(options.Value.ClaimTimeoutSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // housekeeping on real time: a test's fast clock must not turn it into a busy loop
                await Task.Delay(ClaimTimeout / 2, stoppingToken);
                await ResumeAsync(clock.UtcNow - ClaimTimeout, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e.Message);
            }
        }
    }

    private async Task ResumeAsync(DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        var resumed = await inbox.ResumeAsync(staleBefore, TimeSpan.FromHours(options.Value.MaxMessageAgeHours), cancellationToken);
        if (resumed > 0)
        {
            LogResumed(resumed);
        }
    }

    [LoggerMessage(3030, LogLevel.Information, "Messages received but not finished before, resumed now: {Count}")]
    private partial void LogResumed(int count);

    [LoggerMessage(3031, LogLevel.Warning, "Looking for unfinished messages failed: {Reason}; trying again later")]
    private partial void LogFailed(string reason);
}
