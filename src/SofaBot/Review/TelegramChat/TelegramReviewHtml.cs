using System.Globalization;
using System.Text;
using SofaBot.Channels.Telegram;

namespace SofaBot.Review.TelegramChat;

/// <summary>A review item as the maintainers' Telegram chat shows it: why it was opened, who asked where and when,
/// the question, the candidates, and once decided the outcome. Everything from the item is escaped (the question
/// is anyone's text), and the whole stays under Telegram's 4096 visible characters.</summary>
internal static class TelegramReviewHtml
{
    /// <summary>Enough of a candidate's answer to judge it; the page shows the rest.</summary>
    private const int AnswerChars = 300;

    private const int PriorQuestionChars = 200;

    /// <summary>Names (an asker's, a project's) are short on every platform; a long one is cut, not trusted.</summary>
    private const int NameChars = 100;

    /// <summary>The question is cut only when the whole would not fit; this is where cutting starts.</summary>
    private const int QuestionChars = 1500;

    public const string ReplyHint = "Reply to this message with the answer to send it edited.";

    public static string Render(ReviewItem item)
    {
        // a long question gives way first, then the answers: the limit is Telegram's, the text must still go out
        foreach (var (question, answer) in new[] { (QuestionChars, AnswerChars), (600, AnswerChars), (300, 150), (100, 80) })
        {
            var html = Render(item, question, answer);
            if (TelegramHtml.VisibleLength(html) <= TelegramReplyHtml.MaxVisibleChars)
            {
                return html;
            }
        }

        return Render(item, 50, 50);
    }

    private static string Render(ReviewItem item, int questionChars, int answerChars)
    {
        var message = item.Message;
        var html = new StringBuilder();
        html.Append("<b>Review item ").Append(item.Id.ToString(CultureInfo.InvariantCulture)).Append("</b> · ")
            .Append(TelegramHtml.Escape(ReviewLabels.Kind(item.Reason))).Append('\n');
        if (item.DecisionReason is { } reason)
        {
            html.Append("<i>Why: ").Append(TelegramHtml.Text(Cut(reason, PriorQuestionChars))).Append("</i>\n");
        }

        html.Append("Asked by ").Append(TelegramHtml.Text(Asker(message))).Append(" in ").Append(Where(message))
            .Append(" at ").Append(When(item)).Append('\n');
        if (ReviewLabels.Asked(item) is { } asked)
        {
            // the same question joined this item from other messages: the answer goes to each of them
            html.Append("<b>🔁 ").Append(char.ToUpperInvariant(asked[0])).Append(asked[1..]).Append("</b>\n");
        }

        html.Append("<blockquote>").Append(TelegramHtml.Text(Cut(message.Text, questionChars))).Append("</blockquote>\n");

        if (item.Candidates.Count == 0)
        {
            html.Append("\nNo candidates: only a written answer can be sent.\n");
        }

        foreach (var (candidate, index) in item.Candidates.Take(TelegramCallbackData.MaxCandidateButtons).Select((c, i) => (c, i + 1)))
        {
            html.Append("\n<b>#").Append(index.ToString(CultureInfo.InvariantCulture)).Append("</b> ")
                .Append(TelegramHtml.Text(Cut(candidate.Project, NameChars))).Append(" · score ")
                .Append(candidate.Score.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
            html.Append("<i>").Append(TelegramHtml.Text(Cut(candidate.Question, PriorQuestionChars))).Append("</i>\n");
            html.Append(TelegramHtml.Text(Cut(candidate.Answer, answerChars))).Append('\n');
        }

        if (!item.IsDecided && item.Draft is { } draft)
        {
            // the draft is what Send draft posts: shown whole unless the message would not fit
            html.Append("\n<b>📝 Draft</b> by ").Append(TelegramHtml.Text(Cut(draft.Model, NameChars))).Append(", draws on #")
                .Append(draft.Candidate.ToString(CultureInfo.InvariantCulture)).Append(":\n")
                .Append(TelegramHtml.Text(Cut(draft.Text, answerChars * 3))).Append('\n');
        }

        html.Append('\n');
        html.Append(item.IsDecided ? Outcome(item, answerChars) : "<i>" + TelegramHtml.Escape(ReplyHint) + "</i>");
        return html.ToString();
    }

    private static string Asker(Messaging.IncomingMessage message) =>
        Cut(string.IsNullOrWhiteSpace(message.SenderName) ? $"user {message.SenderId}" : $"{message.SenderName} (user {message.SenderId})", NameChars);

    /// <summary>Channel and chat; for a Telegram supergroup also a link that opens the question (members only).</summary>
    private static string Where(Messaging.IncomingMessage message)
    {
        var key = message.Key;
        var where = TelegramHtml.Escape(ReviewLabels.Chat(message));
        return key.Channel == TelegramMessageReader.Channel && key.ChatId.StartsWith("-100", StringComparison.Ordinal)
            ? $"{where} (<a href=\"https://t.me/c/{TelegramHtml.Escape(key.ChatId[4..])}/{TelegramHtml.Escape(key.MessageId)}\">open</a>)"
            : where;
    }

    private static string When(ReviewItem item) =>
        (item.Message.SentAt == default ? item.CreatedAt : item.Message.SentAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Outcome(ReviewItem item, int answerChars)
    {
        var by = TelegramHtml.Text(Cut(item.DecidedBy ?? "?", NameChars));
        var line = item.Status switch
        {
            ReviewStatus.Approved => $"✅ <b>Approved #{item.Chosen} by {by}</b>",
            ReviewStatus.Edited => $"✏️ <b>Edited by {by}</b>, sent:\n{TelegramHtml.Text(Cut(item.Answer ?? "", answerChars))}",
            ReviewStatus.Rejected when item.Note == "not a question" => $"🚫 <b>Not a question</b> ({by}); nothing was sent",
            ReviewStatus.Rejected => $"❌ <b>Rejected by {by}</b>; nothing was sent",
            ReviewStatus.Expired => "⌛ <b>Expired</b>; nothing was sent",
            _ => TelegramHtml.Escape(item.Status.ToString()),
        };
        return item.PostError is { } error ? $"{line}\n⚠️ Posting failed: {TelegramHtml.Text(Cut(error, 300))}" : line;
    }

    /// <summary>At most <paramref name="max"/> characters, with "…" when cut, never splitting a surrogate pair.</summary>
    public static string Cut(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep].TrimEnd() + "…";
    }
}
