using System.Text;
using SofaBot.Messaging;

namespace SofaBot.Channels.Telegram;

/// <summary>A reply as Telegram shows it (HTML parse mode); the local chat shows the same HTML.</summary>
internal static class TelegramReplyHtml
{
    /// <summary>Telegram's limit on a message, counted after the markup is parsed.</summary>
    public const int MaxVisibleChars = 4096;

    /// <param name="reply">What to say.</param>
    /// <param name="mention">How users address the bot (<c>@SofaBot</c>), for the help text.</param>
    public static string Render(OutgoingReply reply, string mention) => reply switch
    {
        AnswerReply answer => Answer(answer),
        NoAnswerReply none => NoAnswer(none),
        HelpReply help => string.Join("\n\n", ReplyWording.Help(help.English, mention).Select(TelegramHtml.Text)),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "unknown reply"),
    };

    private static string Answer(AnswerReply reply)
    {
        var english = reply.English;
        var pair = reply.Match.Pair;
        var (answer, cut) = ReplyWording.Answer(reply);
        var html = new StringBuilder();
        html.Append("<b>").Append(TelegramHtml.Escape(ReplyWording.Intro(pair.Weekly, english))).Append("</b>\n");
        html.Append("<blockquote>").Append(TelegramHtml.Text(ReplyWording.PriorQuestion(pair, reply.Match.Turn))).Append("</blockquote>\n");
        html.Append(TelegramHtml.FromMarkdown(answer)).Append('\n');
        if (cut)
        {
            html.Append(TelegramHtml.Link(pair.Weekly.SourceUrl, ReplyWording.FullAnswer(english))).Append('\n');
        }

        html.Append('\n');
        html.Append(TelegramHtml.Escape(ReplyWording.ProjectLabel(english))).Append(TelegramHtml.Link(pair.Project.Url, pair.Project.Name)).Append('\n');
        html.Append(TelegramHtml.Escape(ReplyWording.SourceLabel(english))).Append(TelegramHtml.Link(pair.Weekly.SourceUrl, ReplyWording.SourceTitle(pair.Weekly, english)));
        html.Append(TelegramHtml.Escape(ReplyWording.Date(pair.Weekly, english) ?? ""));
        return html.ToString();
    }

    private static string NoAnswer(NoAnswerReply reply)
    {
        var english = reply.English;
        var html = new StringBuilder(TelegramHtml.Escape(ReplyWording.NoAnswer(english)));
        if (reply.Closest.Count > 0)
        {
            html.Append("\n\n").Append(TelegramHtml.Escape(ReplyWording.Closest(english)));
            foreach (var candidate in reply.Closest)
            {
                var pair = candidate.Pair;
                html.Append("\n• ").Append(TelegramHtml.Link(pair.Weekly.SourceUrl, ReplyWording.PriorQuestion(pair, candidate.Turn)))
                    .Append(TelegramHtml.Escape(english ? $" ({pair.Project.Name})" : $"（{pair.Project.Name}）"));
            }
        }

        var (label, url) = ReplyWording.AskAt(reply.AskAt, english);
        html.Append("\n\n").Append(TelegramHtml.Escape(ReplyWording.AskAtLead(english))).Append(TelegramHtml.Link(url, label));
        return html.ToString();
    }
}
