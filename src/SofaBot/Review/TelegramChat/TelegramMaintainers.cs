using System.Globalization;
using Telegram.Bot.Types;

namespace SofaBot.Review.TelegramChat;

/// <summary>Who may review from Telegram (<c>Review:MaintainerUserIds</c>), and how their decisions are signed.</summary>
internal static class TelegramMaintainers
{
    /// <summary>By user id only: usernames can be changed and taken over, ids cannot.</summary>
    public static bool IsMaintainer(this ReviewOptions options, User user) =>
        !user.IsBot && options.MaintainerUserIds.Contains(user.Id);

    /// <summary><c>telegram:alice</c>, or <c>telegram:42</c> for a user without a username.</summary>
    public static string SignatureOf(User user) =>
        "telegram:" + (string.IsNullOrWhiteSpace(user.Username) ? user.Id.ToString(CultureInfo.InvariantCulture) : user.Username);

    /// <summary>Whether the message is in the review chat, where nothing is a question for the bot.</summary>
    public static bool IsReviewChat(this ReviewOptions options, long chatId) => options.TelegramChatId == chatId;
}
