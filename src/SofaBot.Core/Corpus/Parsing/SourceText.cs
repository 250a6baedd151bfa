namespace SofaBot.Corpus.Parsing;

/// <summary>The raw lines of a weekly, to answer the one question the syntax tree cannot: which lines carry a
/// <c>&gt;</c> marker themselves and which only continue a quote lazily.</summary>
internal sealed class SourceText
{
    private readonly string[] _lines;

    public SourceText(string text) => _lines = text.Split('\n');

    public int LineCount => _lines.Length;

    /// <summary>The 0-based line's text without its line ending, or "" past the end.</summary>
    public string this[int line] => line >= 0 && line < _lines.Length ? _lines[line].TrimEnd('\r') : "";

    /// <summary>How many <c>&gt;</c> quote markers open the 0-based line (CommonMark allows up to 3 spaces before each).</summary>
    public int QuoteMarkers(int line)
    {
        var text = this[line];
        var markers = 0;
        var i = 0;
        while (true)
        {
            var spaces = 0;
            while (i < text.Length && text[i] == ' ' && spaces < 3)
            {
                i++;
                spaces++;
            }

            if (i >= text.Length || text[i] != '>')
            {
                return markers;
            }

            markers++;
            i++;
        }
    }
}
