using System.Globalization;
using System.Text;
using Telegram.Bot.Types.ReplyMarkups;

namespace SofaBot.Review.TelegramChat;

/// <summary>What a button press asks for, read from its <c>callback_data</c>.</summary>
internal abstract record CallbackPress;

/// <summary>👍 (<paramref name="Helpful"/>) or 👎 under an automatic answer to the question
/// <paramref name="QuestionMessageId"/> of the same chat.</summary>
internal sealed record FeedbackPress(bool Helpful, long QuestionMessageId) : CallbackPress;

/// <summary>A review button: send candidate <paramref name="Candidate"/> (1-based) of item <paramref name="ItemId"/>,
/// its draft (<paramref name="Draft"/>), or reject the item when neither.</summary>
internal sealed record ReviewPress(long ItemId, int? Candidate, bool Draft = false) : CallbackPress;

/// <summary>The buttons SofaBot puts under its messages and the <c>callback_data</c> they carry, in one place so
/// writing and reading cannot drift apart: <c>fb:+:&lt;question message id&gt;</c>, <c>fb:-:…</c> for feedback,
/// <c>rv:&lt;item id&gt;:&lt;1|2|3|d|x&gt;</c> for review (d: the draft). Data comes back from the client, which may send anything, so
/// <see cref="Parse"/> accepts exactly these shapes and nothing else.</summary>
internal static class TelegramCallbackData
{
    /// <summary>Telegram's limit on <c>callback_data</c>.</summary>
    public const int MaxBytes = 64;

    /// <summary>Candidates a review message offers to send (one button each).</summary>
    public const int MaxCandidateButtons = 3;

    private const string FeedbackKind = "fb";
    private const string ReviewKind = "rv";
    private const string Reject = "x";
    private const string SendDraft = "d";

    /// <summary>One row: 👍 and 👎.</summary>
    public static InlineKeyboardMarkup FeedbackKeyboard(string questionMessageId) => new(
        InlineKeyboardButton.WithCallbackData("👍", $"{FeedbackKind}:+:{questionMessageId}"),
        InlineKeyboardButton.WithCallbackData("👎", $"{FeedbackKind}:-:{questionMessageId}"));

    /// <summary><c>Send #1</c> … for the candidates the item has (at most three), <c>Send draft</c> when it has a
    /// draft, then <c>Reject</c>.</summary>
    public static InlineKeyboardMarkup ReviewKeyboard(long itemId, int candidates, bool hasDraft = false)
    {
        var send = Enumerable.Range(1, Math.Clamp(candidates, 0, MaxCandidateButtons))
            .Select(k => InlineKeyboardButton.WithCallbackData($"Send #{k}", Review(itemId, k.ToString(CultureInfo.InvariantCulture))))
            .ToArray();
        List<InlineKeyboardButton[]> rows = send.Length > 0 ? [send] : [];
        if (hasDraft)
        {
            rows.Add([InlineKeyboardButton.WithCallbackData("Send draft", Review(itemId, SendDraft))]);
        }

        rows.Add([InlineKeyboardButton.WithCallbackData("Reject", Review(itemId, Reject))]);
        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>The press, or null for anything SofaBot never put on a button (malformed, too long, unknown).</summary>
    public static CallbackPress? Parse(string? data)
    {
        if (string.IsNullOrEmpty(data) || Encoding.UTF8.GetByteCount(data) > MaxBytes)
        {
            return null;
        }

        var parts = data.Split(':');
        if (parts.Length != 3)
        {
            return null;
        }

        return parts[0] switch
        {
            FeedbackKind when parts[1] is "+" or "-" && Id(parts[2]) is { } question => new FeedbackPress(parts[1] == "+", question),
            ReviewKind when Id(parts[1]) is { } item && parts[2] == SendDraft => new ReviewPress(item, null, Draft: true),
            ReviewKind when Id(parts[1]) is { } item && Choice(parts[2]) is var (valid, candidate) && valid => new ReviewPress(item, candidate),
            _ => null,
        };
    }

    private static string Review(long itemId, string choice) => $"{ReviewKind}:{itemId.ToString(CultureInfo.InvariantCulture)}:{choice}";

    /// <summary>A positive id in plain digits ("+7", " 7", "7.0" and "007" are not ids SofaBot writes).</summary>
    private static long? Id(string text) =>
        text.Length is > 0 and <= 19 && text[0] != '0' && text.All(char.IsAsciiDigit)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static (bool Valid, int? Candidate) Choice(string text) => text switch
    {
        Reject => (true, null),
        { Length: 1 } when text[0] is >= '1' and <= '3' => (true, text[0] - '0'),
        _ => (false, null),
    };
}
