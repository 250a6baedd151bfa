using System.Text.RegularExpressions;

namespace SofaBot.Retrieval.Text;

/// <summary>The words of a pair's clean Markdown, for indexing: link labels kept, URLs and images dropped.</summary>
/// <remarks>The Markdown here is SofaBot's own output (see the corpus parser), regular enough that a few
/// patterns strip it; weeklies themselves are never read this way.</remarks>
public static partial class PlainText
{
    public static string FromMarkdown(string markdown)
    {
        var text = Image().Replace(markdown, " ");
        text = Link().Replace(text, "$1");
        text = Url().Replace(text, " ");
        text = Markers().Replace(text, " ");
        return text;
    }

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<?(https?:|www\.)[^\s>)）]*>?", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // a pipe standing alone is table syntax; one inside a word is text ("2|2", "a|b")
    [GeneratedRegex(@"[*`~>]+|(?<=^|\s)\|+(?=\s|$)|^#+", RegexOptions.Multiline)]
    private static partial Regex Markers();
}
