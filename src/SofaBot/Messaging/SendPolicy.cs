using Polly;
using Polly.Retry;

namespace SofaBot.Messaging;

/// <summary>What every channel does around one call to its platform. A failure that surely did not deliver (a
/// refused connection, 429, 5xx) is retried with exponential backoff and jitter (1 s up to a minute, a wait the
/// platform asked for taking precedence) a few times, then handed back as <see cref="ReplyDeferredException"/> so the
/// message waits without holding anything. A failure after which the request may have been delivered (a timeout, a
/// dropped connection, an unreadable answer) gets exactly one more attempt and then
/// <see cref="ReplyRejectedException"/>: a second copy in the chat is worse than a missing one.</summary>
internal sealed class SendPolicy
{
    private readonly ResiliencePipeline _retry;
    private readonly Func<Exception, bool> _transient;
    private readonly Func<Exception, bool> _mayHaveBeenDelivered;
    private readonly Func<Exception, TimeSpan?> _askedWait;
    private readonly Action<string> _onAmbiguous;

    /// <param name="clock">The time the waits run on.</param>
    /// <param name="attempts">The first attempt and the quick retries.</param>
    /// <param name="transient">Whether a failure is worth repeating.</param>
    /// <param name="mayHaveBeenDelivered">Whether a failure came after the request may have reached the platform.</param>
    /// <param name="askedWait">The wait the platform asked for (Telegram's <c>retry_after</c>), if any.</param>
    /// <param name="onRetry">Reason, seconds to wait, attempt number about to run.</param>
    /// <param name="onAmbiguous">Reason, before the one more attempt after an ambiguous failure.</param>
    public SendPolicy(Clock clock, int attempts, Func<Exception, bool> transient, Func<Exception, bool> mayHaveBeenDelivered, Func<Exception, TimeSpan?> askedWait, Action<string, double, int> onRetry, Action<string> onAmbiguous)
    {
        _transient = transient;
        _mayHaveBeenDelivered = mayHaveBeenDelivered;
        _askedWait = askedWait;
        _onAmbiguous = onAmbiguous;
        _retry = new ResiliencePipelineBuilder { TimeProvider = clock.Time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, attempts - 1),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => transient(e) && !mayHaveBeenDelivered(e)),
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

    /// <summary>Runs a call that posts something (a reply, a review item): retried while it surely did not arrive,
    /// once more after it may have.</summary>
    public async Task<T> SendAsync<T>(Func<CancellationToken, ValueTask<T>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(send, cancellationToken);
        }
        catch (Exception first) when (_mayHaveBeenDelivered(first))
        {
            _onAmbiguous(first.Message);
            try
            {
                return await send(cancellationToken);
            }
            catch (Exception again) when (again is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new ReplyRejectedException($"{first.Message}; sent once more: {again.Message}; not sending again, since it may have arrived", again, mayHaveBeenDelivered: true);
            }
        }
        catch (Exception e) when (_transient(e))
        {
            throw new ReplyDeferredException(e.Message, e, _askedWait(e));
        }
    }

    /// <summary>Runs a call that can be repeated without harm (reading the bot's identity, setting a message to a
    /// given text): whether an attempt arrived does not matter, so a transient failure of any kind ends as
    /// <see cref="ReplyDeferredException"/>, to be tried again later.</summary>
    public async Task<T> RepeatableAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(call, cancellationToken);
        }
        catch (Exception e) when (_transient(e))
        {
            throw new ReplyDeferredException(e.Message, e, _askedWait(e));
        }
    }
}
