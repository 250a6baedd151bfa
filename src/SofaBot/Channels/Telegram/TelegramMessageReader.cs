using System.Globalization;
using System.Text;
using SofaBot.Messaging;
using SofaBot.Storage;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace SofaBot.Channels.Telegram;

/// <summary>Turns a Telegram message into an <see cref="IncomingMessage"/>: was the bot addressed (a mention of its
/// username, a <c>text_mention</c> of it, a reply to one of its messages, <c>/ask</c>, a private chat), and what is
/// the question once the mention or command is taken out.</summary>
internal static class TelegramMessageReader
{
    public const string Channel = "telegram";

    /// <summary>The message for the inbox, or null with the reason it is not one (no text, from a bot).</summary>
    public static (IncomingMessage? Message, string Reason) Read(Message message, User bot)
    {
        if (message.From is not { } from)
        {
            return (null, "no sender (a channel post)");
        }

        if (from.IsBot)
        {
            return (null, from.Id == bot.Id ? "the bot's own message" : "a message from another bot");
        }

        var text = message.Text ?? message.Caption;
        if (text is null)
        {
            return (null, "no text (a sticker, photo, join or other service message)");
        }

        var entities = (message.Text is not null ? message.Entities : message.CaptionEntities) ?? [];
        var removed = new List<(int Start, int Length)>();
        var addressing = Addressing.None;

        if (Command(text, entities, bot) is { } command)
        {
            removed.Add((command.Start, command.Length));
            addressing = command.Name switch
            {
                "ask" => Addressing.AskCommand,
                "start" or "help" => Addressing.HelpCommand,
                _ => Addressing.None,
            };
            if (command.ForOtherBot || addressing == Addressing.None)
            {
                return (null, $"a command not for this bot (/{command.Name})");
            }
        }

        foreach (var entity in entities)
        {
            if (IsMentionOf(text, entity, bot))
            {
                removed.Add((entity.Offset, entity.Length));
                if (addressing == Addressing.None)
                {
                    addressing = Addressing.Mention;
                }
            }
        }

        var repliesToBot = message.ReplyToMessage is { From.Id: var author } && author == bot.Id;
        if (addressing == Addressing.None && repliesToBot)
        {
            addressing = Addressing.ReplyToBot;
        }

        if (addressing == Addressing.None && message.Chat.Type == ChatType.Private)
        {
            addressing = Addressing.PrivateChat;
        }

        return (new IncomingMessage
        {
            Key = new MessageKey(Channel, message.Chat.Id.ToString(CultureInfo.InvariantCulture), message.Id.ToString(CultureInfo.InvariantCulture)),
            Text = Without(text, removed).Trim(),
            SenderId = from.Id.ToString(CultureInfo.InvariantCulture),
            ChatTitle = message.Chat.Title,
            SenderLanguage = from.LanguageCode,
            SenderName = string.Join(' ', new[] { from.FirstName, from.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : from.Username,
            Addressing = addressing,
            SentAt = new DateTimeOffset(DateTime.SpecifyKind(message.Date, DateTimeKind.Utc)),
            RepliesToMessageId = repliesToBot ? message.ReplyToMessage!.Id.ToString(CultureInfo.InvariantCulture) : null,
            Route = new ReplyRoute(ThreadId: message.IsTopicMessage ? message.MessageThreadId?.ToString(CultureInfo.InvariantCulture) : null),
        }, addressing.ToString());
    }

    /// <summary>A bot command at the start of the text: its name, its span and whether an <c>@suffix</c> names another bot.</summary>
    private static (string Name, int Start, int Length, bool ForOtherBot)? Command(string text, IReadOnlyList<MessageEntity> entities, User bot)
    {
        var entity = entities.FirstOrDefault(e => e.Type == MessageEntityType.BotCommand && e.Offset == 0 && Fits(text, e));
        if (entity is null)
        {
            return null;
        }

        var command = text.Substring(1, entity.Length - 1);
        var at = command.IndexOf('@', StringComparison.Ordinal);
        var name = (at < 0 ? command : command[..at]).ToLowerInvariant();
        var forOther = at >= 0 && !string.Equals(command[(at + 1)..], bot.Username, StringComparison.OrdinalIgnoreCase);
        return (name, entity.Offset, entity.Length, forOther);
    }

    private static bool IsMentionOf(string text, MessageEntity entity, User bot) => Fits(text, entity) && entity.Type switch
    {
        MessageEntityType.Mention => bot.Username is { } username && string.Equals(text.Substring(entity.Offset, entity.Length), "@" + username, StringComparison.OrdinalIgnoreCase),
        MessageEntityType.TextMention => entity.User?.Id == bot.Id,
        _ => false,
    };

    /// <summary>Entities come from the platform but are checked anyway: a bad offset must not throw.</summary>
    private static bool Fits(string text, MessageEntity entity) =>
        entity.Offset >= 0 && entity.Length > 0 && entity.Offset + entity.Length <= text.Length;

    private static string Without(string text, List<(int Start, int Length)> spans)
    {
        var result = new StringBuilder(text);
        foreach (var (start, length) in spans.Distinct().OrderByDescending(s => s.Start))
        {
            result.Remove(start, length).Insert(start, ' ');
        }

        return result.ToString();
    }
}
