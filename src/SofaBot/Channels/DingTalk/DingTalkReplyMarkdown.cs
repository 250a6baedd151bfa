using System.Text;
using System.Text.RegularExpressions;
using SofaBot.Messaging;

namespace SofaBot.Channels.DingTalk;

/// <summary>A reply as DingTalk shows it: DingTalk's markdown (a subset: headings, quotes, bold, links, lists), in the
/// words every channel shares. Answers are Markdown already and pass through; DingTalk needs no escaping, but
/// "@所有人" and "@all" are taken out of whatever is sent, so no reply can ever look like it calls everyone.</summary>
internal static partial class DingTalkReplyMarkdown
{
    /// <param name="reply">What to say.</param>
    /// <param name="mention">How users address the bot (<c>@SofaBot</c>), for the help text.</param>
    public static DingTalkMarkdown Render(OutgoingReply reply, string mention) => reply switch
    {
        AnswerReply answer => new(Title(answer.Match.Pair.Project.Name), Clean(Answer(answer))),
        NoAnswerReply none => new(Title(null), Clean(NoAnswer(none))),
        HelpReply help => new(Title(null), Clean(string.Join("\n\n", ReplyWording.Help(help.English, mention)))),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "unknown reply"),
    };

    /// <summary>The session-webhook form: the text ends with <c>@userId</c>, which DingTalk shows as the asker's name
    /// and notifies, because the same id is in <c>atUserIds</c>.</summary>
    public static DingTalkMarkdown MentioningAsker(DingTalkMarkdown markdown, string userId) =>
        markdown with { Text = markdown.Text + "\n\n@" + userId };

    /// <summary>The group-send form: that API cannot @-mention, so the asker's question is quoted above the reply.</summary>
    public static DingTalkMarkdown QuotingAsker(DingTalkMarkdown markdown, string? askerName, string question)
    {
        var line = string.Join(' ', question.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        line = line.Length > 200 ? line[..199] + "…" : line;
        var quote = "> " + (string.IsNullOrWhiteSpace(askerName) ? "" : askerName.Trim() + "：") + line;
        return markdown with { Text = Clean(quote) + "\n\n" + markdown.Text };
    }

    /// <summary>The text without "@所有人" or "@all" (in any case, with a full-width ＠ too).</summary>
    public static string WithoutMassMentions(string text) => MassMention().Replace(text, "");

    private static string Answer(AnswerReply reply)
    {
        var english = reply.English;
        var pair = reply.Match.Pair;
        var (answer, cut) = ReplyWording.Answer(reply);
        var text = new StringBuilder();
        text.Append("**").Append(ReplyWording.Intro(pair.Weekly, english)).Append("**\n\n");
        text.Append("> ").Append(ReplyWording.PriorQuestion(pair, reply.Match.Turn)).Append("\n\n");
        text.Append(answer).Append("\n\n");
        if (cut)
        {
            text.Append(Link(pair.Weekly.SourceUrl, ReplyWording.FullAnswer(english))).Append("\n\n");
        }

        text.Append(ReplyWording.ProjectLabel(english)).Append(Link(pair.Project.Url, pair.Project.Name)).Append("\n\n");
        text.Append(ReplyWording.SourceLabel(english)).Append(Link(pair.Weekly.SourceUrl, ReplyWording.SourceTitle(pair.Weekly, english))).Append(ReplyWording.Date(pair.Weekly, english));
        return text.ToString();
    }

    private static string NoAnswer(NoAnswerReply reply)
    {
        var english = reply.English;
        var text = new StringBuilder(ReplyWording.NoAnswer(english));
        if (reply.Closest.Count > 0)
        {
            text.Append("\n\n").Append(ReplyWording.Closest(english)).Append('\n');
            foreach (var candidate in reply.Closest)
            {
                var pair = candidate.Pair;
                text.Append("\n- ").Append(Link(pair.Weekly.SourceUrl, ReplyWording.PriorQuestion(pair, candidate.Turn)))
                    .Append(english ? $" ({pair.Project.Name})" : $"（{pair.Project.Name}）");
            }
        }

        var (label, url) = ReplyWording.AskAt(reply.AskAt, english);
        text.Append("\n\n").Append(ReplyWording.AskAtLead(english)).Append(Link(url, label));
        return text.ToString();
    }

    /// <summary><c>[label](url)</c> for a web URL; just the label for anything else. Brackets in the label and
    /// spaces or parentheses in the URL would end the link early, so they are replaced or encoded.</summary>
    public static string Link(string url, string label)
    {
        var text = label.Replace('[', '［').Replace(']', '］').ReplaceLineEndings(" ");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return text;
        }

        var target = uri.AbsoluteUri.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
        return $"[{text}]({target})";
    }

    private static string Title(string? project) => project is null ? "SofaBot" : "SofaBot · " + project;

    private static string Clean(string text) => WithoutMassMentions(text).Trim();

    [GeneratedRegex("[@＠](?:所有人|all(?![A-Za-z0-9_]))", RegexOptions.IgnoreCase)]
    private static partial Regex MassMention();
}
