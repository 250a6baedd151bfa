using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SofaBot.Messaging;

/// <summary>Which language the bot's own words take in a chat (the help, the labels, "no earlier answer"). With
/// <c>Chat:Language</c> set to <c>zh</c> or <c>en</c> it is always that one. With <c>auto</c> (the default) it
/// follows the messages: a message with words in it gets its own language back; one without (<c>/help</c>, a bare
/// mention, "1.4") gets the language the chat has been writing in; in a chat not heard yet, the asker's app language
/// where the platform tells it (Telegram), else Chinese, the community's language.</summary>
/// <remarks>What a chat has been writing in is kept in memory, from every message the bot sees there, addressed or
/// not: it is a hint, not state worth a store, and a restart or another replica starts again from the asker's
/// language.</remarks>
internal sealed class ChatLanguage(IOptions<ChatOptions> options)
{
    /// <summary>Chats remembered at most; past it the memory starts over rather than grow without bound.</summary>
    private const int MaxChats = 10_000;

    private readonly ConcurrentDictionary<(string Channel, string Chat), Tally> _chats = new();

    /// <summary>Notes the language of a message the bot saw in a chat.</summary>
    public void Heard(IncomingMessage message)
    {
        if (Of(message.Text) is not { } english)
        {
            return;
        }

        if (_chats.Count >= MaxChats)
        {
            _chats.Clear();
        }

        _chats.GetOrAdd((message.Key.Channel, message.Key.ChatId), _ => new Tally()).Add(english);
    }

    /// <summary>Whether the bot answers this message in English rather than Chinese.</summary>
    public bool IsEnglish(IncomingMessage message) => options.Value.Language.ToLowerInvariant() switch
    {
        "en" => true,
        "zh" => false,
        _ => Of(message.Text)
            ?? (_chats.TryGetValue((message.Key.Channel, message.Key.ChatId), out var tally) ? tally.MostlyEnglish : null)
            ?? FromApp(message.SenderLanguage)
            ?? false,
    };

    /// <summary>True for English, false for Chinese, null for a text with neither (a command, a version, an emoji).</summary>
    public static bool? Of(string text) =>
        text.Any(Retrieval.Text.Tokenizer.IsHan) ? false
        : text.Any(char.IsAsciiLetter) ? true
        : null;

    /// <summary>An app language tag (<c>zh-hans</c>, <c>en</c>, <c>de</c>): Chinese for <c>zh…</c>, English for any
    /// other, nothing when unknown.</summary>
    private static bool? FromApp(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : !tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last messages of one chat, as a running count that favours the recent ones.</summary>
    private sealed class Tally
    {
        private const float Keep = 0.8f;
        private readonly Lock _gate = new();
        private float _english;
        private float _chinese;

        public bool? MostlyEnglish
        {
            get
            {
                lock (_gate)
                {
                    return _english == _chinese ? null : _english > _chinese;
                }
            }
        }

        public void Add(bool english)
        {
            lock (_gate)
            {
                _english = (_english * Keep) + (english ? 1 : 0);
                _chinese = (_chinese * Keep) + (english ? 0 : 1);
            }
        }
    }
}
