using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Storage;

namespace SofaBot.Messaging;

/// <summary>Keeps this replica's claims alive on the messages it is still working on. A message can wait here longer
/// than <see cref="ChatOptions.ClaimTimeoutSeconds"/> without anything being wrong (a long queue in one chat paced at
/// 20 a minute, flood control, slow retries); without renewal another, healthy replica would find the claim stale,
/// take the message and answer it a second time.</summary>
/// <remarks>Every quarter of the claim timeout, one statement per 200 messages. A replica that dies stops renewing,
/// and its messages are taken over a claim timeout later, as before.</remarks>
internal sealed partial class ClaimKeeper(ConversationDispatcher dispatcher, IStateStore store, Clock clock, IOptions<ChatOptions> options, ILogger<ClaimKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.ClaimTimeoutSeconds) / 4;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // real time, like the inbox recovery: a test's fast clock must not make it spin
                await Task.Delay(every, stoppingToken);
                await RenewOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Renews the claims on what is in hand now; returns how many (tests call it after moving the clock).</summary>
    public async Task<int> RenewOnceAsync(CancellationToken cancellationToken)
    {
        var keys = dispatcher.InHandKeys();
        if (keys.Count == 0)
        {
            return 0;
        }

        try
        {
            await store.RenewClaimsAsync(keys, clock.UtcNow, cancellationToken);
            return keys.Count;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // the next round tries again; a claim timeout is four rounds long
            LogFailed(keys.Count, e.Message);
            return 0;
        }
    }

    [LoggerMessage(3032, LogLevel.Warning, "Could not renew the claims on {Count} messages in hand: {Reason}; trying again shortly")]
    private partial void LogFailed(int count, string reason);
}
