using Polly;
using Polly.Retry;

namespace SofaBot.Messaging;

/// <summary>The retry every channel puts around a send: exponential backoff with jitter (1 s up to a minute) on the
/// clock's time, a wait the platform asked for taking precedence, each retry reported to the caller's log.</summary>
internal static class SendRetry
{
    /// <param name="attempts">The first attempt and the retries.</param>
    /// <param name="retryable">Whether a failure is worth repeating.</param>
    /// <param name="askedWait">The wait the platform asked for (Telegram's <c>retry_after</c>), if any.</param>
    /// <param name="onRetry">Reason, seconds to wait, attempt number about to run.</param>
    public static ResiliencePipeline Create(Clock clock, int attempts, Func<Exception, bool> retryable, Func<Exception, TimeSpan?> askedWait, Action<string, double, int> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = clock.Time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, attempts - 1),
                ShouldHandle = new PredicateBuilder().Handle(retryable),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                // waiting less than the platform asked only earns another refusal
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } e ? askedWait(e) : null),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception?.Message ?? "", args.RetryDelay.TotalSeconds, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
