using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Channels.Telegram;
using SofaBot.Diagnostics;
using SofaBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace SofaBot.Review.TelegramChat;

/// <summary>Button presses (callback queries): 👍 / 👎 under answers, and Send #k / Send draft / Reject under review messages.
/// Every press is answered, whatever happens, so no client is left with a spinner; the answer says what happened.
/// The data comes from the client and may be forged: a review press counts only from a maintainer, in the review
/// chat, on the message that shows the item it names.</summary>
/// <remarks>Handled in line with the update (polling waits for it): updates stay in order, and a press delivered
/// again after a crash meets an item already decided, which the queue refuses without posting.</remarks>
internal sealed partial class TelegramReviewCallbacks(
    ReviewQueue queue,
    IReviewStore reviews,
    ITelegramBotClient client,
    IOptions<ReviewOptions> options,
    ILogger<TelegramReviewCallbacks> logger)
{
    // the community sees the feedback answers (both languages, like the group); maintainers see English
    internal const string Helpful = "谢谢！Thanks for the feedback.";
    internal const string NotHelpful = "谢谢，已转给维护者。Thanks, the maintainers will take a look.";
    internal const string UnknownQuestion = "找不到这个问题的记录。This question is no longer on record.";
    internal const string UnknownButton = "这个按钮已失效。This button no longer works.";
    internal const string Failed = "出错了，请稍后再试。Something went wrong; please try again later.";
    internal const string OnlyMaintainers = "Only maintainers can review.";
    internal const string Forged = "This button does not belong to the item shown here; nothing was done.";

    /// <summary>Telegram refuses a longer answer to a press.</summary>
    private const int MaxAnswerChars = 200;

    /// <summary>Acts on the press and answers it. Never throws but for cancellation: a press that failed is
    /// answered "something went wrong", not retried (the maintainer can press again).</summary>
    public async Task HandleAsync(CallbackQuery press, CancellationToken cancellationToken)
    {
        if (press.From is null)
        {
            // Telegram always says who pressed; an update without it is not one to act on
            await AnswerAsync(press.Id, UnknownButton, true, cancellationToken);
            return;
        }

        (string Text, bool Alert) answer;
        try
        {
            answer = TelegramCallbackData.Parse(press.Data) switch
            {
                FeedbackPress feedback => await FeedbackAsync(press, feedback, cancellationToken),
                ReviewPress review => await ReviewAsync(press, review, cancellationToken),
                _ => Refuse(press, "unknown callback data", UnknownButton),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, press.Id, press.From.Id);
            answer = (Failed, true);
        }

        await AnswerAsync(press.Id, answer.Text, answer.Alert, cancellationToken);
    }

    /// <summary>Answers a press that could not even be read (its update was malformed).</summary>
    public Task AnswerUnreadableAsync(string callbackQueryId, CancellationToken cancellationToken) =>
        AnswerAsync(callbackQueryId, Failed, true, cancellationToken);

    private async Task<(string, bool)> FeedbackAsync(CallbackQuery press, FeedbackPress feedback, CancellationToken cancellationToken)
    {
        if (press.Message is not { } answer)
        {
            return Refuse(press, "the answer is too old for Telegram to say where it is", UnknownQuestion);
        }

        // the question is looked for in the chat of the pressed answer: data naming another chat's message finds none
        var question = new MessageKey(
            TelegramMessageReader.Channel,
            answer.Chat.Id.ToString(CultureInfo.InvariantCulture),
            feedback.QuestionMessageId.ToString(CultureInfo.InvariantCulture));
        var result = await queue.FeedbackAsync(question, press.From.Id.ToString(CultureInfo.InvariantCulture), feedback.Helpful, cancellationToken);
        if (!result.Known)
        {
            return Refuse(press, $"no question {question} was received", UnknownQuestion);
        }

        LogFeedback(question, press.From.Id, feedback.Helpful, result.Opened?.Id);
        return (feedback.Helpful ? Helpful : NotHelpful, false);
    }

    private async Task<(string, bool)> ReviewAsync(CallbackQuery press, ReviewPress review, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsMaintainer(press.From))
        {
            return Refuse(press, "not a maintainer", OnlyMaintainers);
        }

        if (press.Message is not { } shown || !settings.IsReviewChat(shown.Chat.Id))
        {
            return Refuse(press, "not pressed in the review chat", Forged);
        }

        var item = await reviews.FindByReviewMessageAsync(
            shown.Chat.Id.ToString(CultureInfo.InvariantCulture), shown.MessageId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        if (item?.Id != review.ItemId)
        {
            return Refuse(press, $"item {review.ItemId} is not the one message {shown.MessageId} shows ({item?.Id.ToString(CultureInfo.InvariantCulture) ?? "none"})", Forged);
        }

        var maintainer = TelegramMaintainers.SignatureOf(press.From);
        var result = review switch
        {
            { Draft: true } => await queue.ApproveAsync(item.Id, new ReviewApproval(null, null, Draft: true), maintainer, cancellationToken),
            { Candidate: { } k } => await queue.ApproveAsync(item.Id, new ReviewApproval(k, null), maintainer, cancellationToken),
            _ => await queue.RejectAsync(item.Id, maintainer, notAQuestion: false, cancellationToken),
        };
        LogReviewed(item.Id, maintainer, press.Data!, result.Kind);
        return (result.Message, result.Kind != ReviewResultKind.Done);
    }

    private (string, bool) Refuse(CallbackQuery press, string reason, string notice)
    {
        LogRefused(press.Id, press.From.Id, press.Data ?? "", reason);
        return (notice, true);
    }

    private async Task AnswerAsync(string callbackQueryId, string text, bool alert, CancellationToken cancellationToken)
    {
        try
        {
            await client.AnswerCallbackQuery(callbackQueryId, Shorten(text, MaxAnswerChars), alert, cancellationToken: cancellationToken);
        }
        catch (RequestException e)
        {
            // too late (Telegram waits about 15 s) or the query is gone: the action, if any, is done regardless
            LogNotAnswered(callbackQueryId, LogMessages.Reason(e));
        }
    }

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1)] + "…";

    [LoggerMessage(3154, LogLevel.Information, "Telegram feedback on {Question} by user {User}: helpful {Helpful}; review item {Opened}")]
    private partial void LogFeedback(MessageKey question, long user, bool helpful, long? opened);

    [LoggerMessage(3155, LogLevel.Information, "Review item {Id}: {Maintainer} pressed {Data} in Telegram: {Kind}")]
    private partial void LogReviewed(long id, string maintainer, string data, ReviewResultKind kind);

    [LoggerMessage(3156, LogLevel.Warning, "Telegram press {Query} by user {User} ({Data}) refused: {Reason}")]
    private partial void LogRefused(string query, long user, string data, string reason);

    [LoggerMessage(3157, LogLevel.Error, "Telegram press {Query} by user {User} failed; answered \"something went wrong\"")]
    private partial void LogFailed(Exception e, string query, long user);

    [LoggerMessage(3158, LogLevel.Warning, "Telegram press {Query} could not be answered: {Reason}")]
    private partial void LogNotAnswered(string query, string reason);
}
