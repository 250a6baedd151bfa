using System.Text.Json;
using System.Text.Json.Serialization;

namespace SofaBot.Channels.Telegram;

// The parts of the Bot API's objects SofaBot reads (https://core.telegram.org/bots/api). Unknown fields are ignored,
// so new API versions do not break reading.

/// <summary>Every Bot API answer: <c>ok</c>, then <c>result</c> or an error with optional parameters.</summary>
internal sealed record TelegramResponse<T>(bool Ok, T? Result, int? ErrorCode, string? Description, TelegramResponseParameters? Parameters);

/// <param name="RetryAfter">Flood control: seconds to wait before repeating the request (HTTP 429).</param>
/// <param name="MigrateToChatId">The group became a supergroup with this new id.</param>
internal sealed record TelegramResponseParameters(int? RetryAfter, long? MigrateToChatId);

/// <summary>An update. <c>message</c> and <c>callback_query</c> (a press on an inline button) are read; other kinds
/// (edited messages, channel posts, member changes) are kept as raw JSON only to name them in the log.</summary>
internal sealed record TelegramUpdate(long UpdateId, TelegramMessage? Message, TelegramCallbackQuery? CallbackQuery = null)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

internal sealed record TelegramMessage(
    long MessageId,
    TelegramUser? From,
    TelegramChat Chat,
    long Date,
    string? Text,
    IReadOnlyList<TelegramEntity>? Entities,
    string? Caption,
    IReadOnlyList<TelegramEntity>? CaptionEntities,
    TelegramMessage? ReplyToMessage,
    long? MessageThreadId,
    bool? IsTopicMessage);

/// <param name="LanguageCode">The user's app language (IETF tag), when Telegram tells it.</param>
internal sealed record TelegramUser(long Id, bool IsBot, string? FirstName, string? LastName, string? Username, bool? CanReadAllGroupMessages, string? LanguageCode = null);

/// <param name="Type"><c>private</c>, <c>group</c>, <c>supergroup</c> or <c>channel</c>.</param>
internal sealed record TelegramChat(long Id, string Type, string? Title);

/// <summary>A marked part of a text; offset and length are in UTF-16 code units, like .NET strings.</summary>
internal sealed record TelegramEntity(string Type, int Offset, int Length, TelegramUser? User);

/// <summary>A press on an inline button of one of the bot's messages.</summary>
/// <param name="Id">What <c>answerCallbackQuery</c> answers: the client shows a spinner until it is answered.</param>
/// <param name="From">Who pressed.</param>
/// <param name="Message">The message whose button was pressed; null when it is too old for Telegram to include.</param>
/// <param name="Data">The button's <c>callback_data</c>. It comes from the client, so it is read as untrusted input.</param>
internal sealed record TelegramCallbackQuery(string Id, TelegramUser From, TelegramMessage? Message, string? Data);

/// <summary>Buttons under a message, row by row.</summary>
internal sealed record TelegramInlineKeyboard(IReadOnlyList<IReadOnlyList<TelegramInlineButton>> InlineKeyboard);

/// <param name="CallbackData">Sent back in the callback query; 1–64 bytes.</param>
internal sealed record TelegramInlineButton(string Text, string CallbackData);
