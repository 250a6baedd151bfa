using System.Text.Json.Nodes;

namespace SofaBot.Tests.Telegram;

/// <summary>Telegram updates as the Bot API sends them, for the fake server's queue.</summary>
public static class Updates
{
    public const long Group = -1001234567890;
    public const long Alice = 42;

    /// <summary>The maintainers' review chat of the review tests.</summary>
    public const long ReviewChat = -1009876543210;

    /// <summary>A maintainer (listed in <c>Review:MaintainerUserIds</c> by the review tests).</summary>
    public const long Maria = 77;

    /// <summary>A member who is not a maintainer.</summary>
    public const long Bob = 43;

    private static long _nextUpdate = 5000;
    private static long _nextMessage = 100;
    private static long _nextCallback = 1;

    public static long NextMessageId() => Interlocked.Increment(ref _nextMessage);

    /// <summary>A text message; entities are found for <c>@SofaTestBot</c>, <c>@someone</c> and a leading <c>/command</c>.</summary>
    public static JsonObject Text(string text, long chat = Group, long from = Alice, bool fromBot = false, long? messageId = null, JsonObject? replyTo = null, long? updateId = null)
    {
        var message = Message(chat, from, fromBot, messageId);
        message["text"] = text;
        var entities = Entities(text);
        if (entities.Count > 0)
        {
            message["entities"] = entities;
        }

        if (replyTo is not null)
        {
            message["reply_to_message"] = replyTo;
        }

        return Wrap(message, updateId);
    }

    /// <summary>The bot's own earlier message, to reply to.</summary>
    public static JsonObject BotMessage(long chat = Group, long messageId = 900) => new()
    {
        ["message_id"] = messageId,
        ["date"] = 1763715000,
        ["chat"] = Chat(chat),
        ["from"] = new JsonObject { ["id"] = FakeTelegramServer.BotId, ["is_bot"] = true, ["first_name"] = "SofaBot", ["username"] = FakeTelegramServer.BotUsername },
        ["text"] = "an earlier answer",
    };

    /// <summary>A press by <paramref name="from"/> on a button of the bot's message <paramref name="messageId"/> in
    /// <paramref name="chat"/>, carrying <paramref name="data"/>. Each press has its own callback query id (returned in
    /// <c>callback_query.id</c>), like a second press on the same button.</summary>
    public static JsonObject Press(long from, long chat, long messageId, string data) => new()
    {
        ["update_id"] = Interlocked.Increment(ref _nextUpdate),
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cq" + Interlocked.Increment(ref _nextCallback).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["from"] = User(from),
            ["message"] = BotMessage(chat, messageId),
            ["chat_instance"] = "-5120000000000000000",
            ["data"] = data,
        },
    };

    /// <summary>A press on a button of a message the fake server recorded.</summary>
    public static JsonObject Press(long from, SentMessage message, string data) => Press(from, message.ChatId, message.MessageId, data);

    /// <summary>The id of the press in an update made by <see cref="Press(long, long, long, string)"/>.</summary>
    public static string CallbackId(JsonObject press) => press["callback_query"]!["id"]!.GetValue<string>();

    /// <summary>A member as Telegram describes them; Maria and Bob have their names, everyone else is Alice.</summary>
    public static JsonObject User(long id) => id switch
    {
        Maria => new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Maria", ["username"] = "maria" },
        Bob => new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Bob", ["username"] = "bob" },
        _ => new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Alice", ["username"] = "alice" },
    };

    /// <summary>Any other update: <paramref name="kind"/> is <c>edited_message</c>, <c>channel_post</c>, <c>my_chat_member</c>…</summary>
    public static JsonObject Other(string kind, JsonNode payload) => new() { ["update_id"] = Interlocked.Increment(ref _nextUpdate), [kind] = payload };

    public static JsonObject Message(long chat, long from, bool fromBot = false, long? messageId = null) => new()
    {
        ["message_id"] = messageId ?? NextMessageId(),
        ["date"] = 1763715600,
        ["chat"] = Chat(chat),
        ["from"] = fromBot ? new JsonObject { ["id"] = from, ["is_bot"] = true, ["first_name"] = "OtherBot", ["username"] = "other_bot" } : User(from),
    };

    public static JsonObject Wrap(JsonObject message, long? updateId = null) =>
        new() { ["update_id"] = updateId ?? Interlocked.Increment(ref _nextUpdate), ["message"] = message };

    private static JsonObject Chat(long chat) => chat < 0
        ? new JsonObject { ["id"] = chat, ["type"] = "supergroup", ["title"] = "SOFAStack 社区" }
        : new JsonObject { ["id"] = chat, ["type"] = "private", ["first_name"] = "Alice" };

    private static JsonArray Entities(string text)
    {
        var entities = new JsonArray();
        if (text.StartsWith('/'))
        {
            var end = text.IndexOfAny([' ', '\n']);
            entities.Add(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = end < 0 ? text.Length : end });
        }

        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            if (at > 0 && text[at - 1] != ' ' && !char.IsPunctuation(text[at - 1]) && text[at - 1] < 0x2E80)
            {
                continue;
            }

            var end = at + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            if (end - at > 1)
            {
                entities.Add(new JsonObject { ["type"] = "mention", ["offset"] = at, ["length"] = end - at });
            }
        }

        return entities;
    }
}
