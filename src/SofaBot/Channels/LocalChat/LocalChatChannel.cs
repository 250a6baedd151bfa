using System.Globalization;
using Microsoft.Extensions.Options;
using SofaBot.Channels.Telegram;
using SofaBot.Messaging;

namespace SofaBot.Channels.LocalChat;

/// <summary>The bot's replies in the local chat: the same HTML Telegram would get, as a reply to the question.</summary>
internal sealed class LocalChatChannel(LocalChatRoom room, Clock clock, IOptions<LocalChatOptions> options) : IChatChannel
{
    public const string Channel = "local";

    public string Name => Channel;

    public Task<string?> SendAsync(IncomingMessage question, OutgoingReply reply, CancellationToken cancellationToken)
    {
        var html = TelegramReplyHtml.Render(reply, "@" + options.Value.BotName);
        var replyTo = long.Parse(question.Key.MessageId.Split('-')[^1], CultureInfo.InvariantCulture);
        var sent = room.Add(options.Value.BotName, null, html, fromBot: true, replyTo, clock.UtcNow);
        return Task.FromResult<string?>(room.KeyOf(sent.Id));
    }
}
