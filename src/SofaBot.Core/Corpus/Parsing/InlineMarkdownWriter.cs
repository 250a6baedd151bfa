using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax.Inlines;

namespace SofaBot.Corpus.Parsing;

/// <summary>Writes a run of Markdig inlines back as clean Markdown, and collects its visible text and links.</summary>
/// <remarks>Clean means: HTML removed (an <c>&lt;img&gt;</c> becomes a Markdown image), root-relative links made
/// absolute on sofastack.tech, a link whose label is its own URL written as an autolink, inline data-URI
/// placeholder images dropped, and stray <c>**</c> left by broken emphasis removed.</remarks>
internal sealed partial class InlineMarkdownWriter
{
    private const string SiteRoot = "https://www.sofastack.tech";

    private readonly StringBuilder _markdown = new();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _textOutsideLinks = new();
    private readonly List<DocLink> _links = [];
    private int _boldDepth;
    private int _visibleChars;
    private int _boldChars;
    private int _images;
    private int _linkDepth;

    public string Markdown => _markdown.ToString().Trim();

    /// <summary>The Markdown of a line that starts with a character reference (see
    /// <see cref="DocLine.StartsWithReference"/>): a space written so is the writer's mark and goes, the indentation
    /// after it (a nested list item) stays.</summary>
    public string MarkdownAfterReference
    {
        get
        {
            var markdown = _markdown.ToString().TrimEnd();
            return markdown.Length > 0 && char.IsWhiteSpace(markdown[0]) ? markdown[1..] : markdown.TrimStart();
        }
    }

    public string Text => Whitespace().Replace(_text.ToString(), " ").Trim();

    public string TextOutsideLinks => Whitespace().Replace(_textOutsideLinks.ToString(), " ").Trim();

    public IReadOnlyList<DocLink> Links => _links;

    public bool IsAllBold => _visibleChars > 0 && _boldChars == _visibleChars;

    public bool IsImageOnly => _images > 0 && _visibleChars == 0;

    public void Write(Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                WriteText(literal.Content.ToString());
                break;
            case CodeInline code:
                var fence = code.Content.Contains('`') ? "``" : "`";
                _markdown.Append(fence).Append(code.Content).Append(fence);
                AppendVisible(code.Content);
                break;
            case LineBreakInline:
                // a break nested inside emphasis or a link; top-level breaks split lines before we get here
                _markdown.Append(' ');
                AppendVisible(" ");
                break;
            case HtmlEntityInline entity:
                WriteText(entity.Transcoded.ToString());
                break;
            case AutolinkInline autolink:
                WriteLink(autolink.Url, autolink.Url, isEmail: autolink.IsEmail);
                break;
            case LinkInline { IsImage: true } image:
                WriteImage(image.Url, PlainLabel(image));
                break;
            case LinkInline link:
                WriteLink(link);
                break;
            case EmphasisInline emphasis:
                WriteEmphasis(emphasis);
                break;
            case HtmlInline html:
                WriteHtml(html.Tag);
                break;
            case DelimiterInline delimiter:
                // an unmatched "[" ("原片 [0,100) 分裂为…") stays a delimiter holding the rest of the line
                WriteText(delimiter.ToLiteral());
                foreach (var child in delimiter)
                {
                    Write(child);
                }

                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Write(child);
                }

                break;
        }
    }

    private void WriteText(string text)
    {
        // "**@rust-rust ** 提问" leaves its unmatched "**" as literal text; drop those, keep single stars
        _markdown.Append(StrayBoldMarkers().Replace(text, ""));
        AppendVisible(text.Replace("*", "", StringComparison.Ordinal));
    }

    private void AppendVisible(string text)
    {
        _text.Append(text);
        if (_linkDepth == 0)
        {
            _textOutsideLinks.Append(text);
        }

        var visible = text.Count(c => !char.IsWhiteSpace(c));
        _visibleChars += visible;
        if (_boldDepth > 0)
        {
            _boldChars += visible;
        }
    }

    private void WriteEmphasis(EmphasisInline emphasis)
    {
        var delimiter = new string(emphasis.DelimiterChar, emphasis.DelimiterCount);
        var strong = emphasis.DelimiterCount >= 2;
        var inner = new InlineMarkdownWriter { _boldDepth = _boldDepth + (strong ? 1 : 0), _linkDepth = _linkDepth };
        foreach (var child in emphasis)
        {
            inner.Write(child);
        }

        var content = inner._markdown.ToString();
        if (content.Trim().Length == 0)
        {
            // "** **" and the like: emphasis around nothing is noise in the weeklies
            _markdown.Append(content);
        }
        else
        {
            // keep the delimiters tight around the content so the Markdown stays valid
            var lead = content.Length - content.TrimStart().Length;
            var trail = content.Length - content.TrimEnd().Length;
            _markdown.Append(content, 0, lead).Append(delimiter).Append(content.Trim()).Append(delimiter)
                .Append(content, content.Length - trail, trail);
        }

        Absorb(inner);
    }

    private void WriteLink(LinkInline link)
    {
        var inner = new InlineMarkdownWriter { _boldDepth = _boldDepth, _linkDepth = _linkDepth + 1 };
        foreach (var child in link)
        {
            inner.Write(child);
        }

        var label = inner.Text;
        var url = AbsoluteUrl(link.Url ?? "");
        if (!IsHttpOrRooted(url) && IsHttpOrRooted(label))
        {
            // "[https://github.com/sofastack/sofa-bolt](SOFABolt：https://github.com/sofastack/sofa-bolt)": the label is the URL
            url = label.Trim();
        }

        if (label.StartsWith('@') && (link.Url ?? "").StartsWith('/'))
        {
            // a Yuque mention exported as a link to nowhere ("[@GlobalTransactional](/GlobalTransactional)"): keep the words
            _markdown.Append(inner._markdown.ToString().Trim());
            Absorb(inner);
            return;
        }

        if (link.IsAutoLink || label.Length == 0 || SameUrl(label, url))
        {
            WriteLink(url, label.Length == 0 ? url : label, isEmail: false, inner);
            return;
        }

        _markdown.Append('[').Append(inner._markdown.ToString().Trim()).Append("](").Append(url).Append(')');
        _links.Add(new DocLink(label, url));
        Absorb(inner);
    }

    private void WriteLink(string url, string label, bool isEmail, InlineMarkdownWriter? inner = null)
    {
        _markdown.Append('<').Append(isEmail ? url : AbsoluteUrl(url)).Append('>');
        if (!isEmail)
        {
            _links.Add(new DocLink(label, AbsoluteUrl(url)));
        }

        if (inner is null)
        {
            _linkDepth++;
            AppendVisible(label);
            _linkDepth--;
        }
        else
        {
            Absorb(inner);
        }
    }

    /// <summary>Presentation HTML is dropped (an image kept as a Markdown image); anything else that looks like a
    /// tag is text people typed, such as Maven's <c>&lt;attach&gt;true&lt;/attach&gt;</c>, and is kept.</summary>
    private void WriteHtml(string tag)
    {
        if (ImageSource().Match(tag) is { Success: true } img)
        {
            WriteImage(img.Groups[1].Value, "");
        }
        else if (!PresentationTag().IsMatch(tag))
        {
            _markdown.Append(tag);
            AppendVisible(tag);
        }
    }

    private void WriteImage(string? url, string alt)
    {
        if (string.IsNullOrWhiteSpace(url) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _markdown.Append("![").Append(alt).Append("](").Append(AbsoluteUrl(url)).Append(')');
        _images++;
    }

    private void Absorb(InlineMarkdownWriter inner)
    {
        _text.Append(inner._text);
        _textOutsideLinks.Append(inner._textOutsideLinks);
        _links.AddRange(inner._links);
        _visibleChars += inner._visibleChars;
        _boldChars += inner._boldChars;
        _images += inner._images;
    }

    private static string PlainLabel(ContainerInline container)
    {
        var inner = new InlineMarkdownWriter();
        foreach (var child in container)
        {
            inner.Write(child);
        }

        return inner.Text;
    }

    private static bool IsHttpOrRooted(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith('/');

    /// <summary>Root-relative links in the weeklies point into the sofastack.tech site.</summary>
    private static string AbsoluteUrl(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? SiteRoot + url : url.Trim();

    private static bool SameUrl(string label, string url) =>
        string.Equals(label.Trim().TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\*{2,}")]
    private static partial Regex StrayBoldMarkers();

    [GeneratedRegex(@"\s+")]
    internal static partial Regex Whitespace();

    [GeneratedRegex(@"^<\s*/?\s*(br|p|span|div|font|a|b|i|u|em|strong|sup|sub|center|section|figure|hr|small|big|del|s|mark)\b[^>]*>$|^<!--", RegexOptions.IgnoreCase)]
    private static partial Regex PresentationTag();

    /// <summary>The source of an HTML <c>&lt;img&gt;</c>, inline or as a block (see <see cref="DocLineReader"/>).</summary>
    [GeneratedRegex("""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", RegexOptions.IgnoreCase)]
    internal static partial Regex ImageSource();
}
