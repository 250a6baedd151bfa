using Microsoft.Extensions.Options;

namespace SofaBot.Messaging;

/// <summary>How many messages are worked on at once (<see cref="ChatOptions.MaxConcurrentChats"/>): planned, matched,
/// their review item opened. A reply on its way to the platform, or a message waiting to try again, holds none: a chat
/// whose platform hangs or fails must never delay another chat.</summary>
internal sealed class ChatSlots(IOptions<ChatOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentChats, options.Value.MaxConcurrentChats);

    /// <summary>Waits for a free slot; disposing what it returns gives the slot back.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
