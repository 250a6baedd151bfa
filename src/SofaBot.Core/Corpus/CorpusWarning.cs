using SofaBot.Corpus.Loading;

namespace SofaBot.Corpus;

/// <summary>Something in the corpus that could not be read as expected; the rest of the corpus still loads.</summary>
/// <param name="File">The file, relative to the corpus root (or the corpus path itself for folder-level problems),
/// with control characters escaped (<c>\n</c>, <c>\u001b</c>) so that a file name cannot forge a line of its own.</param>
/// <param name="Line">1-based line, when the problem has one.</param>
/// <param name="Message">What was wrong, in words an operator can act on.</param>
public sealed record CorpusWarning(string File, int? Line, string Message)
{
    /// <summary>One line, whatever the message quotes from a file (a front matter value with a newline in it).</summary>
    public override string ToString()
    {
        var message = PrintableName.InMessage(Message);
        return Line is int line ? $"{File}:{line}: {message}" : $"{File}: {message}";
    }
}
