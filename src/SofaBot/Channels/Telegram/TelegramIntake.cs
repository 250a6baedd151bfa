using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Review.TelegramChat;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace SofaBot.Channels.Telegram;

/// <summary>Takes one raw update, from polling or the webhook, where it belongs: button presses to
/// <see cref="TelegramReviewCallbacks"/>, messages in the review chat to <see cref="TelegramReviewReplies"/> (never
/// questions), and other messages to the inbox once it drops what is not for the bot (other update kinds, no text,
/// other bots, group messages not addressed to it). Group messages not addressed to the bot are not even stored
/// unless proactive answers are on.</summary>
internal sealed partial class TelegramIntake(
    Inbox inbox,
    TelegramReviewCallbacks presses,
    TelegramReviewReplies reviewChat,
    IOptions<ChatOptions> chat,
    IOptions<ReviewOptions> review,
    ILogger<TelegramIntake> logger)
{
    /// <summary>The kinds of update taken: new messages and button presses. Polling and the webhook ask Telegram for
    /// these only; edits, channel posts and member changes are never answered.</summary>
    public static readonly UpdateType[] Kinds = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>Reads and accepts the update. Throws only when the store fails, so the caller retries the update
    /// instead of confirming it to Telegram.</summary>
    public async Task AcceptAsync(JsonElement raw, User bot, CancellationToken cancellationToken)
    {
        Update? update;
        try
        {
            update = raw.Deserialize<Update>(JsonBotAPI.Options);
        }
        catch (Exception e)
        {
            // decoding does no I/O: whatever it throws (a JsonException, or a date out of range from the library's
            // converter) means this update cannot be read, never that it should be fetched again
            LogUnreadable(UpdateId(raw), e.Message);
            if (CallbackQueryId(raw) is { } press)
            {
                // a press is answered whatever happens, or its client spins until Telegram gives up
                await presses.AnswerUnreadableAsync(press, cancellationToken);
            }

            return;
        }

        if (update?.CallbackQuery is { } query)
        {
            await presses.HandleAsync(query, cancellationToken);
            return;
        }

        if (update?.Message is not { } message)
        {
            LogOtherKind(UpdateId(raw), update?.Type.ToString() ?? "null");
            return;
        }

        if (review.Value.IsReviewChat(message.Chat.Id))
        {
            await reviewChat.HandleAsync(message, cancellationToken);
            return;
        }

        var (incoming, reason) = TelegramMessageReader.Read(message, bot);
        if (incoming is null)
        {
            LogIgnored(update.Id, reason);
            return;
        }

        if (incoming.Addressing == Addressing.None && !chat.Value.ProactiveAnswers)
        {
            inbox.Overhear(incoming); // only the chat's language is noted, for a later /help
            LogIgnored(update.Id, "not addressed to the bot");
            return;
        }

        await inbox.AcceptAsync(incoming, cancellationToken);
    }

    private static string? CallbackQueryId(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("callback_query", out var query) && query.ValueKind == JsonValueKind.Object
        && query.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    public static long? UpdateId(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("update_id", out var id) && id.TryGetInt64(out var value) ? value : null;

    [LoggerMessage(3120, LogLevel.Warning, "Telegram update {UpdateId} could not be read ({Reason}); skipped")]
    private partial void LogUnreadable(long? updateId, string reason);

    [LoggerMessage(3121, LogLevel.Debug, "Telegram update {UpdateId} is neither a new message nor a button press ({Kinds}); skipped")]
    private partial void LogOtherKind(long? updateId, string kinds);

    [LoggerMessage(3122, LogLevel.Debug, "Telegram update {UpdateId} skipped: {Reason}")]
    private partial void LogIgnored(long updateId, string reason);
}
