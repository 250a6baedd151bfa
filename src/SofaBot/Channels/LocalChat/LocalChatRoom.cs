namespace SofaBot.Channels.LocalChat;

/// <summary>The local chat's one group, in memory: what people and the bot said, newest last. It is a way to try the
/// bot; its history is not kept across restarts (the messages' handling state is, in the store).</summary>
internal sealed class LocalChatRoom
{
    private const int Capacity = 500;
    private readonly List<LocalChatMessage> _messages = [];
    private long _next;

    /// <summary>Differs on every start, so message keys never collide with those of an earlier run in the store.</summary>
    public string Run { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A message's id as the store knows it: the run and the room's id (the room counts from 1 at every
    /// start).</summary>
    public string KeyOf(long id) => $"{Run}-{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public LocalChatMessage Add(string author, string? text, string? html, bool fromBot, long? replyTo, DateTimeOffset at)
    {
        lock (_messages)
        {
            var message = new LocalChatMessage(++_next, author, text, html, fromBot, replyTo, at);
            _messages.Add(message);
            if (_messages.Count > Capacity)
            {
                _messages.RemoveAt(0);
            }

            return message;
        }
    }

    public LocalChatMessage? Find(long id)
    {
        lock (_messages)
        {
            return _messages.Find(m => m.Id == id);
        }
    }

    public IReadOnlyList<LocalChatMessage> After(long id)
    {
        lock (_messages)
        {
            return _messages.Where(m => m.Id > id).ToList();
        }
    }
}

/// <summary>One message of the local chat.</summary>
/// <param name="Text">What a person wrote (plain text; the page escapes it).</param>
/// <param name="Html">What the bot wrote: exactly the HTML it would send to Telegram.</param>
internal sealed record LocalChatMessage(long Id, string Author, string? Text, string? Html, bool FromBot, long? ReplyTo, DateTimeOffset At);
