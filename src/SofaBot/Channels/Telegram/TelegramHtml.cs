using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SofaBot.Channels.Telegram;

/// <summary>Telegram's HTML parse mode: escaping, and answers' Markdown turned into the few tags Telegram accepts
/// (b, i, s, code, pre, a, blockquote). Everything not produced as a tag here is escaped, so text from a weekly or
/// from a message can never break the markup.</summary>
internal static partial class TelegramHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().Build();

    /// <summary>Escapes text for HTML parse mode: the three characters Telegram requires, and quotes for attributes.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Escaped text in which <c>@name</c> is code, so quoting a weekly ("@GlobalTransactional", an asker's
    /// handle) never notifies anyone: Telegram makes mentions of <c>@name</c> only outside code.</summary>
    public static string Text(string text) => Handle().Replace(Escape(text), m => "<code>" + m.Value + "</code>");

    public static string Link(string url, string label) => IsWebUrl(url) ? $"<a href=\"{Escape(url)}\">{Text(label)}</a>" : Text(label);

    /// <summary>The characters a reader sees: what Telegram's 4096-character limit counts.</summary>
    public static int VisibleLength(string html) => VisibleText(html).Length;

    /// <summary>What a reader sees of HTML this class wrote: the text without its tags, links as their labels.</summary>
    public static string VisibleText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    /// <summary>The links of HTML this class wrote, in order: what a reader sees of each and where it goes.</summary>
    /// <remarks>A pattern is enough here: every <c>a</c> tag is written by <see cref="Link"/> or the Markdown writer,
    /// with the URL escaped, and everything else is escaped text.</remarks>
    public static IReadOnlyList<(string Label, string Url)> Links(string html) =>
        [.. Anchor().Matches(html).Select(m => (VisibleText(m.Groups["label"].Value), WebUtility.HtmlDecode(m.Groups["url"].Value)))];

    public static string FromMarkdown(string markdown)
    {
        var html = new StringBuilder();
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            WriteBlock(html, block);
        }

        return html.ToString().Trim();
    }

    private static void WriteBlock(StringBuilder html, Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                html.Append("<b>");
                WriteInlines(html, heading.Inline);
                html.Append("</b>\n\n");
                break;
            case ParagraphBlock paragraph:
                WriteInlines(html, paragraph.Inline);
                html.Append("\n\n");
                break;
            case CodeBlock code:
                html.Append("<pre>").Append(Escape(code.Lines.ToString().TrimEnd())).Append("</pre>\n\n");
                break;
            case QuoteBlock quote:
                var inner = new StringBuilder();
                foreach (var child in quote)
                {
                    WriteBlock(inner, child);
                }

                html.Append("<blockquote>").Append(inner.ToString().Trim()).Append("</blockquote>\n\n");
                break;
            case ListBlock list:
                WriteList(html, list);
                break;
            case ThematicBreakBlock:
                break;
            case LeafBlock leaf:
                html.Append(Text(leaf.Lines.ToString())).Append("\n\n");
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    WriteBlock(html, child);
                }

                break;
        }
    }

    private static void WriteList(StringBuilder html, ListBlock list)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            html.Append(list.IsOrdered ? $"{number++}. " : "• ");
            var inner = new StringBuilder();
            foreach (var child in item)
            {
                WriteBlock(inner, child);
            }

            html.Append(inner.ToString().Trim()).Append('\n');
        }

        html.Append('\n');
    }

    private static void WriteInlines(StringBuilder html, ContainerInline? inlines)
    {
        for (var inline = inlines?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            WriteInline(html, inline);
        }
    }

    private static void WriteInline(StringBuilder html, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                html.Append(Text(literal.Content.ToString()));
                break;
            case CodeInline code:
                html.Append("<code>").Append(Escape(code.Content)).Append("</code>");
                break;
            case LineBreakInline:
                html.Append('\n');
                break;
            case AutolinkInline autolink:
                html.Append(Link(autolink.Url, autolink.Url));
                break;
            case LinkInline { IsImage: true } image:
                // an image cannot be shown inline: its link, labelled with its alt text
                html.Append(Link(image.Url ?? "", Label(image) is { Length: > 0 } alt ? alt : "image"));
                break;
            case LinkInline link when IsWebUrl(link.Url):
                var label = new StringBuilder();
                WriteInlines(label, link);
                html.Append("<a href=\"").Append(Escape(link.Url!)).Append("\">").Append(label.Length > 0 ? label.ToString() : Escape(link.Url!)).Append("</a>");
                break;
            case EmphasisInline emphasis:
                var tag = emphasis.DelimiterChar == '~' ? "s" : emphasis.DelimiterCount >= 2 ? "b" : "i";
                html.Append('<').Append(tag).Append('>');
                WriteInlines(html, emphasis);
                html.Append("</").Append(tag).Append('>');
                break;
            case HtmlEntityInline entity:
                html.Append(Escape(entity.Transcoded.ToString()));
                break;
            case HtmlInline raw:
                html.Append(Escape(raw.Tag));
                break;
            case ContainerInline container:
                WriteInlines(html, container);
                break;
        }
    }

    private static string Label(ContainerInline container)
    {
        var text = new StringBuilder();
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            text.Append(inline is LiteralInline literal ? literal.Content.ToString() : inline is ContainerInline inner ? Label(inner) : "");
        }

        return text.ToString();
    }

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex(@"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{2,}")]
    private static partial Regex Handle();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("<a href=\"(?<url>[^\"]*)\">(?<label>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Anchor();
}
