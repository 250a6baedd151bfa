using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SofaBot.Corpus.Parsing;

/// <summary>Flattens a weekly's Markdown syntax tree into <see cref="DocLine"/>s, in document order.</summary>
internal sealed partial class DocLineReader
{
    private readonly SourceText _source;
    private readonly List<DocLine> _lines = [];

    private DocLineReader(SourceText source) => _source = source;

    public static List<DocLine> Read(MarkdownDocument document, SourceText source)
    {
        var reader = new DocLineReader(source);
        reader.ReadBlocks(document, quoteDepth: 0, listPrefix: null, indent: "");
        return reader._lines;
    }

    private void ReadBlocks(ContainerBlock container, int quoteDepth, string? listPrefix, string indent)
    {
        var prefix = listPrefix;
        foreach (var block in container)
        {
            ReadBlock(block, quoteDepth, prefix, indent);
            prefix = null; // only the first line of a list item carries its marker
        }
    }

    private void ReadBlock(Block block, int quoteDepth, string? listPrefix, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                AddInlineLines(heading.Inline, heading.Line, quoteDepth, listPrefix, indent, DocLineKind.Heading, heading.Level);
                break;
            case ParagraphBlock paragraph:
                AddInlineLines(paragraph.Inline, paragraph.Line, quoteDepth, listPrefix, indent, DocLineKind.Text, 0);
                break;
            case QuoteBlock quote:
                ReadBlocks(quote, quoteDepth + 1, listPrefix, indent);
                break;
            case ListBlock list:
                ReadList(list, quoteDepth, indent);
                break;
            case FencedCodeBlock fenced:
                AddCode(fenced, fenced.Info, quoteDepth, indent);
                break;
            case YamlFrontMatterBlock:
                break; // read by WeeklyHeader; it derives from CodeBlock, so it must be caught first
            case HtmlBlock html:
                AddHtml(html, quoteDepth, listPrefix, indent);
                break;
            case CodeBlock code:
                AddCode(code, null, quoteDepth, indent);
                break;
            case ContainerBlock other:
                ReadBlocks(other, quoteDepth, listPrefix, indent);
                break;
            default:
                break; // thematic breaks, front matter, link reference definitions: nothing to read
        }
    }

    private void ReadList(ListBlock list, int quoteDepth, string indent)
    {
        var number = int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            ReadBlocks(item, quoteDepth, indent + marker, indent + new string(' ', marker.Length));
        }
    }

    private void AddInlineLines(ContainerInline? inlines, int blockLine, int quoteDepth, string? listPrefix, string indent,
        DocLineKind kind, int headingLevel)
    {
        if (inlines is null)
        {
            return;
        }

        var first = true;
        var writer = new InlineMarkdownWriter();
        var segmentLine = -1;
        var startsWithReference = false;
        foreach (var inline in inlines)
        {
            if (IsLineBreak(inline))
            {
                Flush();
                continue;
            }

            if (segmentLine < 0)
            {
                segmentLine = inline.Line;
                startsWithReference = inline is HtmlEntityInline;
            }

            writer.Write(inline);
        }

        Flush();

        void Flush()
        {
            var line = segmentLine < 0 ? blockLine : segmentLine;
            if (writer.Markdown.Length > 0)
            {
                var prefix = first ? listPrefix ?? indent : indent;
                _lines.Add(new DocLine
                {
                    Kind = kind,
                    Line = line + 1,
                    Markdown = (kind == DocLineKind.Heading ? "" : prefix) + (startsWithReference ? writer.MarkdownAfterReference : writer.Markdown),
                    Text = writer.Text,
                    TextOutsideLinks = writer.TextOutsideLinks,
                    Links = writer.Links.ToArray(),
                    IsAllBold = writer.IsAllBold,
                    IsImageOnly = writer.IsImageOnly,
                    // a line that continues a quote lazily (no ">" of its own) was written outside the quote
                    QuoteDepth = Math.Min(quoteDepth, _source.QuoteMarkers(line)),
                    StartsBlock = first,
                    HeadingLevel = headingLevel,
                    StartsWithReference = startsWithReference,
                });
                first = false;
            }

            writer = new InlineMarkdownWriter();
            segmentLine = -1;
            startsWithReference = false;
        }
    }

    private void AddCode(LeafBlock code, string? info, int quoteDepth, string indent)
    {
        var body = new StringBuilder();
        foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
        {
            body.Append(indent).Append(line.Slice.ToString()).Append('\n');
        }

        var fence = body.ToString().Contains("```", StringComparison.Ordinal) ? "~~~" : "```";
        _lines.Add(new DocLine
        {
            Kind = DocLineKind.Code,
            Line = code.Line + 1,
            Markdown = $"{indent}{fence}{info?.Trim()}\n{body}{indent}{fence}",
            Text = body.ToString().Trim(),
            QuoteDepth = quoteDepth,
            StartsBlock = true,
        });
    }

    private void AddHtml(HtmlBlock html, int quoteDepth, string? listPrefix, string indent)
    {
        var raw = string.Join('\n', html.Lines.Lines.Take(html.Lines.Count).Select(l => l.Slice.ToString()));
        var images = InlineMarkdownWriter.ImageSource().Matches(raw).Select(m => $"![]({m.Groups[1].Value})").ToList();
        var text = InlineMarkdownWriter.Whitespace().Replace(Tags().Replace(raw, " "), " ").Trim();
        if (images.Count == 0 && text.Length == 0)
        {
            return;
        }

        var markdown = string.Join(" ", images.Prepend(text).Where(s => s.Length > 0));
        _lines.Add(new DocLine
        {
            Kind = DocLineKind.Text,
            Line = html.Line + 1,
            Markdown = (listPrefix ?? indent) + markdown,
            Text = text,
            TextOutsideLinks = text,
            IsImageOnly = text.Length == 0,
            QuoteDepth = quoteDepth,
            StartsBlock = true,
        });
    }

    /// <summary>Soft and hard line breaks end a line, and so does an inline <c>&lt;br&gt;</c>: the weeklies use it
    /// as a line break, sometimes right before the next <c>A：</c>.</summary>
    private static bool IsLineBreak(Inline inline) =>
        inline is LineBreakInline || (inline is HtmlInline html && LineBreakTag().IsMatch(html.Tag));

    [GeneratedRegex(@"^</?\s*br\s*/?\s*>$", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

}
