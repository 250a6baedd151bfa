using Markdig;
using Markdig.Syntax;

namespace SofaBot.Corpus.Parsing;

/// <summary>Reads one line as the weekly parser would read it inside a Q&amp;A section, so a writer can tell the
/// lines the parser keeps as they are from those it takes for structure or for a Q&amp;A marker.</summary>
internal static class LineProbe
{
    /// <summary>What the Q&amp;A reader makes of the line on its own; null when the line is not a single paragraph
    /// line (a heading, list item, quote, code, link definition, or text the parser splits in two).</summary>
    public static QaLine? Read(string line)
    {
        var document = Markdown.Parse(line, WeeklyParser.Pipeline);
        if (document.Count != 1 || document[0] is not ParagraphBlock)
        {
            return null;
        }

        var lines = DocLineReader.Read(document, new SourceText(line));
        return lines.Count == 1 ? QaLineClassifier.Classify(lines[0]) : null;
    }

    /// <summary>True when the line, as the first line of a question, would lose a leading "Q：".</summary>
    public static bool StartsWithQuestionMarker(string line) => QaSectionReader.StartsWithQuestionMarker(line);
}
