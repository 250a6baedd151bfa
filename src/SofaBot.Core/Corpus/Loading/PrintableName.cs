using System.Globalization;
using System.Text;

namespace SofaBot.Corpus.Loading;

/// <summary>A file name as messages, ids and logs show it. Linux allows any byte but '/' and NUL in a name, so a
/// name with a newline could print a line that looks like another warning, and an escape sequence could rewrite
/// the operator's terminal: control, format and line-separator characters are written as C-style escapes
/// (<c>\n</c>, <c>\u001b</c>), and a backslash as <c>\\</c> so that two different names never print the same.</summary>
internal static class PrintableName
{
    public static string Of(string name) => Escape(name, escapeBackslash: true);

    /// <summary>A system message that may quote a path (an <see cref="IOException"/>'s): the same escapes, backslashes
    /// kept as they are (a Windows path in it stays readable).</summary>
    public static string InMessage(string message) => Escape(message, escapeBackslash: false);

    private static string Escape(string value, bool escapeBackslash)
    {
        if (!value.Any(c => NeedsEscape(c) || (escapeBackslash && c == '\\')))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' when escapeBackslash => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '\r' => text.Append(@"\r"),
                '\t' => text.Append(@"\t"),
                _ when NeedsEscape(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
