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
internal static class DingTalkMessageReader
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

        var msgId = String(body, "msgId");
        var conversationId = String(body, "conversationId");
        if (string.IsNullOrWhiteSpace(msgId) || string.IsNullOrWhiteSpace(conversationId))
        {
            return (null, CallbackRead.Malformed, "msgId or conversationId is missing");
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
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

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
