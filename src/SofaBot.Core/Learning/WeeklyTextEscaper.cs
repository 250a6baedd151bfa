using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SofaBot.Corpus.Parsing;

namespace SofaBot.Learning;

/// <summary>Writes a question or answer (clean Markdown, as pairs hold it) as lines of a weekly that the corpus
/// parser reads back to the same text.</summary>
/// <remarks>
/// The parser reads a weekly line by line and keeps each line's Markdown as the Markdig tree gives it back, so two
/// kinds of line need care:
/// <list type="bullet">
/// <item>lines the parser would take for structure or for a Q&amp;A marker: a heading, list item or quote ("#",
/// "- ", "1. ", "&gt;", "---"), an asker ("@X 提问："), an answer ("A："), a project link ("Seata: https://github.com/…"),
/// a bold title, a "Q：" that would be stripped. These start with the character reference <c>&amp;#32;</c> (a
/// space): Markdig then reads a plain paragraph line, the parser treats a line that starts with a reference as
/// text (<see cref="DocLine.StartsWithReference"/>) and drops that one space. Indented lines (a nested list
/// item) are marked too, which keeps their indentation;</item>
/// <item>inline syntax the parser rewrites: a bare URL (written back as <c>&lt;url&gt;</c>), an HTML tag or
/// entity (dropped or decoded), a backslash escape (decoded), a hard break (splits the line), a literal "**"
/// (dropped). These are escaped so the parser's output is the text as it was.</item>
/// </list>
/// Which lines need the reference is asked of the parser itself (<see cref="LineProbe"/>), so the writer follows
/// any change to what the parser recognizes. Paragraph breaks stay blank lines and fenced code is copied as it is.
/// </remarks>
internal static partial class WeeklyTextEscaper
{
    /// <summary>A space written as a character reference: starts a line the parser must read as text.</summary>
    public const string TextLineMark = "&#32;";

    /// <summary>The lines to write: paragraphs and fenced code blocks, one blank line between blocks.</summary>
    /// <param name="markdown">A question or an answer.</param>
    /// <param name="question">True for a question: its first line must not lose a leading "Q：".</param>
    public static List<string> Lines(string markdown, bool question)
    {
        var source = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var output = new List<string>();
        var paragraph = new List<string>();
        for (var i = 0; i < source.Length;)
        {
            var line = source[i].TrimEnd();
            if (line.Length == 0)
            {
                Flush();
                i++;
            }
            else if (Fence().Match(line) is { Success: true } fence)
            {
                Flush();
                Separate();
                i = CopyCode(source, i, fence.Groups["fence"].Value, output);
            }
            else
            {
                // an indented line (a nested list item) is marked, which keeps its indentation
                paragraph.Add(line);
                i++;
            }
        }

        Flush();
        return output;

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                var firstOfQuestion = question && output.Count == 0;
                Separate();
                output.AddRange(Paragraph(paragraph, firstOfQuestion));
                paragraph.Clear();
            }
        }

        void Separate()
        {
            if (output.Count > 0)
            {
                output.Add("");
            }
        }
    }

    /// <summary>True when the parser reads the line on its own as plain text, exactly as written.</summary>
    public static bool IsPlainText(string line, bool firstOfQuestion) =>
        line.Length > 0
        && !(line[0] < 0x80 && !char.IsAsciiLetterOrDigit(line[0])) // indentation, or ASCII punctuation that may open a block in context ("---")
        && LineProbe.Read(line) is ContentLine
        && !(firstOfQuestion && LineProbe.StartsWithQuestionMarker(line));

    /// <summary>Copies a fenced code block from its opening line to its closing fence (or the end); returns the
    /// index of the line after it.</summary>
    private static int CopyCode(string[] source, int start, string fence, List<string> output)
    {
        output.Add(source[start].TrimEnd());
        for (var i = start + 1; i < source.Length; i++)
        {
            var line = source[i].TrimEnd();
            output.Add(line);
            var trimmed = line.TrimStart();
            if (line.Length - trimmed.Length <= 3 && trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.TrimStart(fence[0]).Length == 0)
            {
                return i + 1;
            }
        }

        return source.Length;
    }

    /// <summary>The lines of one paragraph, marked and escaped. Escaping a line can change how it reads (a URL
    /// escaped in a link line), so the lines are checked again until none changes.</summary>
    private static string[] Paragraph(List<string> lines, bool firstOfQuestion)
    {
        var marked = lines.Select((l, i) => !IsPlainText(l, firstOfQuestion && i == 0)).ToArray();
        while (true)
        {
            var written = EscapeInlines(lines, marked);
            var changed = false;
            for (var i = 0; i < written.Length; i++)
            {
                if (!marked[i] && !IsPlainText(written[i], firstOfQuestion && i == 0))
                {
                    marked[i] = changed = true;
                }
            }

            if (!changed)
            {
                return written;
            }
        }
    }

    /// <summary>Joins the lines (marked ones behind <see cref="TextLineMark"/>), parses them as Markdig will read
    /// them in the weekly, and escapes the inline syntax the parser would not give back as written.</summary>
    private static string[] EscapeInlines(List<string> lines, bool[] marked)
    {
        var text = new StringBuilder();
        var marks = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }

            if (marked[i])
            {
                marks.Add(text.Length);
                text.Append(TextLineMark);
            }

            text.Append(lines[i]);
        }

        var source = text.ToString();
        var edits = new List<(int At, int Length, string With)>();
        foreach (var inline in Markdown.Parse(source, WeeklyParser.Pipeline).Descendants<Inline>())
        {
            var at = inline.Span.Start;
            switch (inline)
            {
                case HtmlEntityInline when !marks.Contains(at):
                case HtmlInline:
                case LineBreakInline { IsHard: true, IsBackslash: true }:
                    // "&amp;" would come back as "&", "<br>" would split the line, a backslash before the line end
                    // would be a hard break and vanish
                    edits.Add((at, 0, "\\"));
                    break;
                case LinkInline { IsAutoLink: true } link when source[at] != '<':
                    // a bare URL would come back as <url>: keep the autolinker from seeing it
                    var www = source.AsSpan(at).StartsWith("www.", StringComparison.OrdinalIgnoreCase);
                    var stop = www ? at + 3 : source.IndexOf(':', at, link.Span.Length);
                    if (stop >= 0)
                    {
                        edits.Add((stop, 1, www ? "&#46;" : "&#58;"));
                    }

                    break;
                case LiteralInline literal:
                    EscapeLiteral(source, literal, edits);
                    break;
            }
        }

        foreach (var (at, length, with) in edits.OrderByDescending(e => e.At))
        {
            source = source[..at] + with + source[(at + length)..];
        }

        return source.Split('\n');
    }

    /// <summary>Text the parser would change: "\\*" (a backslash escape) comes back as "*", so the backslash is
    /// escaped too; "**" that is not emphasis is dropped, so those stars are written as references.</summary>
    private static void EscapeLiteral(string source, LiteralInline literal, List<(int At, int Length, string With)> edits)
    {
        // an escaped literal starts at its backslash; Markdig merges the text after it into the same literal
        var content = literal.Content.ToString();
        var offset = literal.IsFirstCharacterEscaped ? 1 : 0;
        var at = literal.Span.Start;
        if (at < 0 || content.Length == 0 || string.CompareOrdinal(source, at + offset, content, 0, content.Length) != 0)
        {
            return;
        }

        for (var i = 0; i < content.Length; i++)
        {
            var stray = content[i] == '*' && ((i > 0 && content[i - 1] == '*') || (i + 1 < content.Length && content[i + 1] == '*'));
            if (i == 0 && offset == 1)
            {
                edits.Add((at, 2, stray ? @"\\&#42;" : @"\\\" + content[0]));
            }
            else if (stray)
            {
                edits.Add((at + offset + i, 1, "&#42;"));
            }
        }
    }

    // an opening code fence: up to three spaces, then ``` (with no backtick in its info string) or ~~~
    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}(?=[^`]*$)|~{3,})")]
    private static partial Regex Fence();
}
