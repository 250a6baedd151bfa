using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace SofaBot.Channels.Telegram;

/// <summary>Sending and editing SofaBot's messages, which are all HTML (<see cref="TelegramHtml"/>) without link
/// previews (a preview of the first link would push the answer itself out of view).</summary>
internal static class TelegramHtmlMessages
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <param name="replyTo">The message replied to; the reply is still sent if that message was deleted meanwhile.</param>
    /// <param name="threadId">The forum topic, if any.</param>
    /// <param name="markup">Buttons under the message, if any.</param>
    public static Task<Message> SendHtmlAsync(this ITelegramBotClient client, long chatId, string html, int? replyTo, int? threadId, InlineKeyboardMarkup? markup, CancellationToken cancellationToken) =>
        client.SendMessage(
            chatId,
            html,
            ParseMode.Html,
            replyParameters: replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
            replyMarkup: markup,
            linkPreviewOptions: NoPreview,
            messageThreadId: threadId,
            cancellationToken: cancellationToken);

    /// <summary>Replaces a message's text. Without <paramref name="markup"/> its buttons are removed (Telegram drops
    /// the keyboard of an edit that names none). An edit to the same text and buttons counts as done.</summary>
    public static async Task EditHtmlAsync(this ITelegramBotClient client, long chatId, int messageId, string html, InlineKeyboardMarkup? markup, CancellationToken cancellationToken)
    {
        try
        {
            await client.EditMessageText(chatId, messageId, html, ParseMode.Html, markup, NoPreview, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (TelegramFailure.IsNotModified(e))
        {
        }
    }
}
