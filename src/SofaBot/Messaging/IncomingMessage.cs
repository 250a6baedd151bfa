using SofaBot.Storage;

namespace SofaBot.Messaging;

/// <summary>A chat message as every channel hands it to the inbox: who said what where, and whether it was addressed
/// to the bot. Channels translate their platform's payload into this; nothing after the inbox knows the platform.</summary>
internal sealed record IncomingMessage
{
    public required MessageKey Key { get; init; }

    /// <summary>What the asker wrote, with the bot's mention or command taken out.</summary>
    public required string Text { get; init; }

    /// <summary>The platform's id of the sender (Telegram user id, DingTalk staff id).</summary>
    public required string SenderId { get; init; }

    public string? SenderName { get; init; }

    /// <summary>The language of the sender's app, where the platform tells it (Telegram's <c>language_code</c>).</summary>
    public string? SenderLanguage { get; init; }

    /// <summary>The group's name where the platform gives one (Telegram's chat title, DingTalk's conversation title),
    /// to tell maintainers where a question was asked.</summary>
    public string? ChatTitle { get; init; }

    public required Addressing Addressing { get; init; }

    public DateTimeOffset SentAt { get; init; }

    /// <summary>When the inbox recorded it (this host's clock): how old it is, for giving up on an outage. Null in
    /// messages stored by releases before it.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The id of the bot's own message this one replies to (Telegram's <c>reply_to_message</c> from the bot,
    /// the local chat's <c>replyTo</c> of a bot message); null when it replies to none of the bot's messages. Whatever
    /// the addressing: a mention can reply to the bot too.</summary>
    public string? RepliesToMessageId { get; init; }

    /// <summary>How to reach the chat again; platform details the channel needs to reply.</summary>
    public ReplyRoute Route { get; init; } = new();
}

/// <summary>How a message reached the bot. Only addressed messages get a public reply by default.</summary>
internal enum Addressing
{
    /// <summary>A group message not meant for the bot.</summary>
    None,

    /// <summary>The bot was @-mentioned.</summary>
    Mention,

    /// <summary>The message replies to one of the bot's messages.</summary>
    ReplyToBot,

    /// <summary>The <c>/ask</c> command.</summary>
    AskCommand,

    /// <summary>A private chat with the bot: every message is meant for it.</summary>
    PrivateChat,

    /// <summary><c>/start</c> or <c>/help</c>.</summary>
    HelpCommand,
}

/// <summary>Platform details for the reply.</summary>
/// <param name="ThreadId">Telegram forum topic (<c>message_thread_id</c>), to stay in it.</param>
/// <param name="SessionWebhook">DingTalk: the URL that replies into the conversation while it is valid.</param>
/// <param name="SessionWebhookExpiresAt">DingTalk: when <paramref name="SessionWebhook"/> stops working (about 90
/// minutes after the message); after it the group-send API is used.</param>
internal sealed record ReplyRoute(string? ThreadId = null, string? SessionWebhook = null, DateTimeOffset? SessionWebhookExpiresAt = null);
