using System.Globalization;
using System.Text.Json;
using SofaBot.Messaging;
using SofaBot.Storage;

namespace SofaBot.Channels.DingTalk;

/// <summary>Turns a callback body into an <see cref="IncomingMessage"/>. DingTalk delivers a group message only when
/// the robot is @-mentioned, and every message of a private chat, so every text message is addressed: a mention in a
/// group (<c>conversationType</c> "2"), a private chat in a 1:1 (<c>"1"</c>); <c>/help</c>, <c>/start</c> and
/// <c>/ask</c> are read as in Telegram.</summary>
/// <remarks>Fields are read leniently (a number may come as a string, unknown fields are ignored) so a change in
/// DingTalk's formatting does not turn messages into 400s; only what the bot cannot work without is required.</remarks>
internal static partial class DingTalkMessageReader
{
    public const string Channel = "dingtalk";

    /// <summary>The message, or why there is none: <see cref="CallbackRead.Malformed"/> (answered 400) or
    /// <see cref="CallbackRead.Ignored"/> (answered 200, nothing to do).</summary>
    public static (IncomingMessage? Message, CallbackRead Outcome, string Reason) Read(JsonElement body, DateTimeOffset now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, CallbackRead.Malformed, "the body is not a JSON object");
        }

        // ids exactly as sent, or not at all: read leniently, two different ids could become one
        string? msgId, conversationId;
        try
        {
            msgId = body.TryGetProperty("msgId", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : String(body, "msgId");
            conversationId = body.TryGetProperty("conversationId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : String(body, "conversationId");
        }
        catch (InvalidOperationException)
        {
            return (null, CallbackRead.Malformed, "msgId or conversationId holds characters that cannot be stored as they are (half a surrogate pair)");
        }

        if (string.IsNullOrWhiteSpace(msgId) || string.IsNullOrWhiteSpace(conversationId))
        {
            return (null, CallbackRead.Malformed, "msgId or conversationId is missing");
        }

        if (!Storable(msgId) || !Storable(conversationId))
        {
            return (null, CallbackRead.Malformed, "msgId or conversationId holds characters that cannot be stored as they are (control characters, half a surrogate pair)");
        }

        var type = String(body, "msgtype");
        if (!string.Equals(type, "text", StringComparison.Ordinal))
        {
            return (null, CallbackRead.Ignored, $"msgtype \"{type}\" is not text");
        }

        // DingTalk puts a space where the robot's @name was: " 你好"
        var text = (body.TryGetProperty("text", out var content) && content.ValueKind == JsonValueKind.Object ? String(content, "content") : null)?.Trim() ?? "";
        var (addressing, question) = Addressed(text, String(body, "conversationType") == "1");
        return (new IncomingMessage
        {
            Key = new MessageKey(Channel, conversationId, msgId),
            Text = question,
            SenderId = NonEmpty(String(body, "senderStaffId")) ?? NonEmpty(String(body, "senderId")) ?? "",
            SenderName = NonEmpty(String(body, "senderNick")),
            ChatTitle = NonEmpty(String(body, "conversationTitle")),
            Addressing = addressing,
            SentAt = Time(body, "createAt") ?? now,
            Route = new ReplyRoute(SessionWebhook: NonEmpty(String(body, "sessionWebhook")), SessionWebhookExpiresAt: Time(body, "sessionWebhookExpiredTime")),
        }, CallbackRead.Message, addressing.ToString());
    }

    /// <summary>How the message addresses the bot, and the question without the command.</summary>
    private static (Addressing Addressing, string Question) Addressed(string text, bool privateChat)
    {
        if (Command(text, "help") is not null || Command(text, "start") is not null)
        {
            return (Addressing.HelpCommand, "");
        }

        if (Command(text, "ask") is { } rest)
        {
            return (Addressing.AskCommand, rest);
        }

        return (privateChat ? Addressing.PrivateChat : Addressing.Mention, text);
    }

    /// <summary>The text after <c>/name</c> when the text starts with that command as a whole word, else null.</summary>
    private static string? Command(string text, string name)
    {
        var command = "/" + name;
        if (!text.StartsWith(command, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text[command.Length..];
        return rest.Length == 0 || char.IsWhiteSpace(rest[0]) ? rest.Trim() : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => Text(value),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>A JSON string as .NET reads it; one that escapes half a surrogate pair (<c>\ud83d</c> alone), which
    /// .NET refuses to read, has its surrogates read as U+FFFD: the message is still a message.</summary>
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return JsonSerializer.Deserialize<string>(SurrogateEscape().Replace(value.GetRawText(), "\\uFFFD"));
        }
    }

    /// <summary>Whether an id can be stored as it is: no control characters (a NUL ends a SQLite string early and is
    /// refused by PostgreSQL) and no half surrogate pairs.</summary>
    private static bool Storable(string id)
    {
        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsControl(id[i]) || char.IsLowSurrogate(id[i]) || (char.IsHighSurrogate(id[i]) && (++i >= id.Length || !char.IsLowSurrogate(id[i]))))
            {
                return false;
            }
        }

        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex SurrogateEscape();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An epoch-millisecond field, when it holds a usable one.</summary>
    private static DateTimeOffset? Time(JsonElement element, string name) =>
        long.TryParse(String(element, name), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}

/// <summary>What a callback body turned out to be.</summary>
internal enum CallbackRead
{
    Message,
    Ignored,
    Malformed,
}
