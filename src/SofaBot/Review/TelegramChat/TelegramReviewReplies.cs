using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Channels.Telegram;
using SofaBot.Diagnostics;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace SofaBot.Review.TelegramChat;

/// <summary>Messages in the review chat. A maintainer's reply to an item's message is the answer to send instead of
/// the candidates (Markdown, escaped on the way out like every answer); the outcome is told in a short reply. Nothing
/// said in the review chat is a question for the bot, and other members' messages are ignored.</summary>
internal sealed partial class TelegramReviewReplies(
    ReviewQueue queue,
    IReviewStore reviews,
    ITelegramBotClient client,
    IOptions<ReviewOptions> options,
    ILogger<TelegramReviewReplies> logger)
{
    public async Task HandleAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.From is not { } from || !options.Value.IsMaintainer(from))
        {
            LogNotMaintainer(message.MessageId, message.From?.Id);
            return;
        }

        if (message.ReplyToMessage is not { } target)
        {
            LogNotAReply(message.MessageId, from.Id);
            return;
        }

        string outcome;
        try
        {
            var chat = message.Chat.Id.ToString(CultureInfo.InvariantCulture);
            var item = await reviews.FindByReviewMessageAsync(chat, target.MessageId.ToString(CultureInfo.InvariantCulture), cancellationToken);
            if (item is null)
            {
                LogNotAnItem(message.MessageId, target.MessageId);
                return;
            }

            var maintainer = TelegramMaintainers.SignatureOf(from);
            // a sticker or photo without caption is an empty answer: refused as such by the queue
            var result = await queue.ApproveAsync(item.Id, new ReviewApproval(null, message.Text ?? message.Caption ?? ""), maintainer, cancellationToken);
            LogEdited(item.Id, maintainer, result.Kind);
            outcome = $"Item {item.Id}: {result.Message}";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // not retried: a redelivered reply would meet a decision that may have been taken; the maintainer can
            // reply again
            LogFailed(e, message.MessageId);
            outcome = "Something went wrong; nothing may have been sent. Check the review page, or reply again.";
        }

        await TellAsync(message, outcome, cancellationToken);
    }

    /// <summary>A short reply to the maintainer's message, in the same topic.</summary>
    private async Task TellAsync(Message message, string text, CancellationToken cancellationToken)
    {
        try
        {
            var thread = message.IsTopicMessage ? message.MessageThreadId : null;
            await client.SendHtmlAsync(message.Chat.Id, TelegramHtml.Text(text), message.Id, thread, null, cancellationToken);
        }
        catch (RequestException e)
        {
            LogNotTold(message.MessageId, LogMessages.Reason(e));
        }
    }

    [LoggerMessage(3160, LogLevel.Debug, "Telegram review chat: message {Message} from user {User} ignored: not a maintainer")]
    private partial void LogNotMaintainer(long message, long? user);

    [LoggerMessage(3161, LogLevel.Debug, "Telegram review chat: message {Message} from maintainer {User} ignored: not a reply")]
    private partial void LogNotAReply(long message, long user);

    [LoggerMessage(3162, LogLevel.Debug, "Telegram review chat: message {Message} replies to {Target}, which shows no review item; ignored")]
    private partial void LogNotAnItem(long message, long target);

    [LoggerMessage(3163, LogLevel.Information, "Review item {Id}: {Maintainer} replied with an answer in Telegram: {Kind}")]
    private partial void LogEdited(long id, string maintainer, ReviewResultKind kind);

    [LoggerMessage(3164, LogLevel.Error, "Telegram review chat: handling reply {Message} failed")]
    private partial void LogFailed(Exception e, long message);

    [LoggerMessage(3165, LogLevel.Warning, "Telegram review chat: could not tell the outcome of reply {Message}: {Reason}")]
    private partial void LogNotTold(long message, string reason);
}
