using System.Text;
using System.Text.RegularExpressions;
using SofaBot.Messaging;

namespace SofaBot.Channels.DingTalk;

/// <summary>A reply as DingTalk shows it: DingTalk's markdown (a subset: headings, quotes, bold, links, lists), in the
/// words every channel shares (<see cref="ReplyContent"/>). Answers are Markdown already and pass through; DingTalk
/// needs no escaping, but "@所有人" and "@all" are taken out of whatever is sent, so no reply can ever look like it
/// calls everyone.</summary>
internal static partial class DingTalkReplyMarkdown
{
    /// <param name="reply">What to say.</param>
    /// <param name="mention">How users address the bot (<c>@SofaBot</c>), for the help text.</param>
    public static DingTalkMarkdown Render(OutgoingReply reply, string mention) =>
        new(Title((reply as AnswerReply)?.Match.Pair.Project.Name), Clean(Text(ReplyContent.Of(reply, mention))));

    /// <summary>The session-webhook form: the text ends with <c>@userId</c>, which DingTalk shows as the asker's name
    /// and notifies, because the same id is in <c>atUserIds</c>.</summary>
    public static DingTalkMarkdown MentioningAsker(DingTalkMarkdown markdown, string userId) =>
        markdown with { Text = markdown.Text + "\n\n@" + userId };

    /// <summary>The group-send form: that API cannot @-mention, so the asker's question is quoted above the reply.</summary>
    public static DingTalkMarkdown QuotingAsker(DingTalkMarkdown markdown, string? askerName, string question)
    {
        var line = string.Join(' ', question.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        line = line.Length > 200 ? line[..199] + "…" : line;
        var quote = "> " + AsPlainText((string.IsNullOrWhiteSpace(askerName) ? "" : askerName.Trim() + "：") + line);
        return markdown with { Text = Clean(quote) + "\n\n" + markdown.Text };
    }

    /// <summary>What a user wrote, so that DingTalk shows it as they typed it and never as the bot's own markup: a
    /// <c>[奖励](https://evil.example)</c> link, an image or a bolded nickname in a question must not become a link,
    /// an image or bold text in the bot's message. Markdown's signs become their full-width forms, which DingTalk
    /// shows as text, and a URL loses the <c>://</c> that would make DingTalk link it.</summary>
    public static string AsPlainText(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            plain.Append(c switch
            {
                '[' => '［',
                ']' => '］',
                '(' => '（',
                ')' => '）',
                '*' => '＊',
                '_' => '＿',
                '!' => '！',
                '#' => '＃',
                '`' => '｀',
                '<' => '＜',
                '>' => '＞',
                '|' => '｜',
                '~' => '～',
                '\\' => '＼',
                _ => c,
            });
        }

        return plain.ToString().Replace("://", "：//", StringComparison.Ordinal);
    }

    /// <summary>The text without "@所有人" or "@all" (in any case, with a full-width ＠ too).</summary>
    public static string WithoutMassMentions(string text) => MassMention().Replace(text, "");

    /// <summary>Every line a paragraph of its own, as DingTalk's markdown needs; the items of a list together.</summary>
    private static string Text(ReplyContent content)
    {
        var text = new StringBuilder();
        ReplyLine? previous = null;
        foreach (var line in content.Blocks.SelectMany(block => block.Lines))
        {
            if (previous is not null)
            {
                text.Append(previous is BulletLine && line is BulletLine ? "\n" : "\n\n");
            }

            text.Append(Line(line));
            previous = line;
        }

        return text.ToString();
    }

    private static string Line(ReplyLine line) => line switch
    {
        HeadingLine heading => "**" + heading.Text + "**",
        QuoteLine quote => "> " + quote.Text,
        MarkdownLine markdown => markdown.Markdown,
        TextLine text => Spans(text.Spans),
        BulletLine bullet => "- " + Spans(bullet.Spans),
        _ => throw new ArgumentOutOfRangeException(nameof(line), line.GetType().Name, "unknown line"),
    };

    private static string Spans(IEnumerable<ReplySpan> spans) =>
        string.Concat(spans.Select(span => span.Url is { } url ? Link(url, span.Words) : span.FromUser ? AsPlainText(span.Words) : span.Words));

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
