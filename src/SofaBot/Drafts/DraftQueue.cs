using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SofaBot.Drafts;

/// <summary>The review items waiting for a draft, by id, for <see cref="DraftWorker"/>: the queue only takes an id
/// and returns at once, so opening an item never waits for a model. Bounded: past it an item gets no draft now (it is
/// drafted at the next start if still pending). Does nothing when no assistant is configured.</summary>
internal sealed partial class DraftQueue(IOptions<AssistantOptions> options, ILogger<DraftQueue> logger)
{
    public const int Capacity = 256;

    private readonly Channel<long> _ids = Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    /// <summary>Ids queued or being drafted: an item queued twice (opened while the start-up catch-up lists it) is
    /// drafted, and warned about, once.</summary>
    private readonly ConcurrentDictionary<long, byte> _queued = new();

    public ChannelReader<long> Reader => _ids.Reader;

    public void Enqueue(long itemId)
    {
        if (!options.Value.IsEnabled || !_queued.TryAdd(itemId, 0))
        {
            return;
        }

        if (!_ids.Writer.TryWrite(itemId))
        {
            _queued.TryRemove(itemId, out _);
            LogFull(itemId, Capacity);
        }
    }

    /// <summary>The item's draft is written (or given up): it may be queued again.</summary>
    public void Done(long itemId) => _queued.TryRemove(itemId, out _);

    [LoggerMessage(3810, LogLevel.Warning, "Review item {Id} gets no draft now: {Capacity} items are already waiting for one; it is drafted at the next start if still pending")]
    private partial void LogFull(long id, int capacity);
}
