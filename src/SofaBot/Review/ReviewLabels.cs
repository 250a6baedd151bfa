using SofaBot.Channels.DingTalk;
using SofaBot.Channels.LocalChat;
using SofaBot.Channels.Telegram;
using SofaBot.Messaging;

namespace SofaBot.Review;

/// <summary>What a review item is called wherever maintainers see it: the review page and the Telegram review chat
/// say the same thing in the same words.</summary>
internal static class ReviewLabels
{
    /// <summary>What opened the item.</summary>
    public static string Kind(ReviewReason reason) => reason switch
    {
        ReviewReason.Suggest => "uncertain match",
        ReviewReason.NoAnswer => "no confident answer",
        ReviewReason.Feedback => "👎 on an automatic answer",
        _ => reason.ToString(),
    };

    /// <summary>The chat a question was asked in, as a person names it: the group's title where the platform gives
    /// one ("SOFAJRaft 用户群 (Telegram)"), "the local chat", or the platform and the chat's id.</summary>
    public static string Chat(IncomingMessage message)
    {
        var platform = message.Key.Channel switch
        {
            TelegramMessageReader.Channel => "Telegram",
            DingTalkMessageReader.Channel => "DingTalk",
            LocalChatChannel.Channel => null,
            var other => other,
        };
        return platform is null ? "the local chat"
            : !string.IsNullOrWhiteSpace(message.ChatTitle) ? $"{message.ChatTitle.Trim()} ({platform})"
            : message.Addressing == Addressing.PrivateChat ? $"a private {platform} chat"
            : $"{platform} chat {message.Key.ChatId}";
    }

    /// <summary>How often the question was asked: "asked 5 times in 3 chats", "asked twice in 1 chat"; null for an
    /// item asked once.</summary>
    public static string? Asked(ReviewItem item) => item.AskedCount switch
    {
        <= 1 => null,
        var count => $"asked {(count == 2 ? "twice" : $"{count} times")} in {item.ChatCount} {(item.ChatCount == 1 ? "chat" : "chats")}",
    };
}
