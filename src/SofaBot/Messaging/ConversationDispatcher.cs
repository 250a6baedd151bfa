using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Storage;

namespace SofaBot.Messaging;

/// <summary>Runs the handler for queued messages: one chat's messages strictly in order, different chats side by
/// side, so a chat that is slow (rate limited, failing) never holds up the others. How many are worked on at once is
/// the handler's <see cref="ChatSlots"/>, which a send or a wait to retry never holds.</summary>
/// <remarks>At shutdown it waits a grace period for replies in flight, then cancels the rest; those stay unfinished
/// in the store and are resumed at the next start.</remarks>
internal sealed partial class ConversationDispatcher : IHostedService, IDisposable
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly HashSet<MessageKey> _inHand = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly MessageHandler _handler;
    private readonly ChatOptions _options;
    private readonly ILogger<ConversationDispatcher> _logger;

    public ConversationDispatcher(MessageHandler handler, IOptions<ChatOptions> options, ILogger<ConversationDispatcher> logger)
    {
        _handler = handler;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Messages queued or being handled in this process: received and not finished (the pending inbox gauge;
    /// each replica counts its own).</summary>
    public int InHand
    {
        get
        {
            lock (_tails)
            {
                return _inHand.Count;
            }
        }
    }

    /// <summary>The messages queued or being handled here now, whose claims this process keeps alive.</summary>
    public IReadOnlyList<MessageKey> InHandKeys()
    {
        lock (_tails)
        {
            return [.. _inHand];
        }
    }

    /// <summary>Queues the message behind its chat's earlier ones; false when it is already queued or being handled
    /// here (the recovery found it unfinished while its reply is still waiting on flood control).</summary>
    public bool Enqueue(IncomingMessage message)
    {
        var chat = message.Key.Channel + ":" + message.Key.ChatId;
        var received = Stopwatch.GetTimestamp(); // the reply latency runs from here
        lock (_tails)
        {
            if (!_inHand.Add(message.Key))
            {
                return false;
            }

            var previous = _tails.GetValueOrDefault(chat, Task.CompletedTask);
            var next = RunAfterAsync(previous, message, received);
            _tails[chat] = next;
            _ = next.ContinueWith(
                done =>
                {
                    lock (_tails)
                    {
                        _inHand.Remove(message.Key);
                        if (_tails.TryGetValue(chat, out var tail) && tail == done)
                        {
                            _tails.Remove(chat);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return true;
        }
    }

    /// <summary>Completes when every queued message is handled (tests and shutdown).</summary>
    public Task IdleAsync()
    {
        lock (_tails)
        {
            return Task.WhenAll(_tails.Values);
        }
    }

    private async Task RunAfterAsync(Task previous, IncomingMessage message, long received)
    {
        await previous.ConfigureAwait(false);
        await _handler.HandleAsync(message, received, _stopping.Token).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var idle = IdleAsync();
        var grace = TimeSpan.FromSeconds(_options.ShutdownGraceSeconds);
        try
        {
            await idle.WaitAsync(grace, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            LogCancelled(_options.ShutdownGraceSeconds);
            await _stopping.CancelAsync();
            await idle.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(3003, LogLevel.Warning, "Replies still in flight after {Seconds} s of shutdown were stopped; they are resumed at the next start")]
    private partial void LogCancelled(int seconds);
}
