namespace SofaBot.Corpus.Parsing;

/// <summary>What a <see cref="DocLine"/> is, as the Markdown syntax tree says.</summary>
internal enum DocLineKind
{
    /// <summary>A line of a paragraph (paragraphs are split at line breaks and at <c>&lt;br&gt;</c>).</summary>
    Text,

    /// <summary>A heading of any level.</summary>
    Heading,

    /// <summary>A whole fenced or indented code block.</summary>
    Code,
}

/// <summary>One logical line of a weekly, flattened from the Markdown syntax tree.</summary>
/// <remarks>The Q&amp;A layout of the weeklies is line-oriented (an asker line, quoted question lines, an
/// <c>A：</c> line, a link line), while Markdown groups lines into paragraphs and lets a line lazily continue a
/// quote. The reader keeps what the tree knows (quote depth, list item, emphasis, links, code) per line, so the
/// Q&amp;A reader never has to re-parse Markdown syntax.</remarks>
internal sealed record DocLine
{
    public required DocLineKind Kind { get; init; }

    /// <summary>1-based line number in the file.</summary>
    public required int Line { get; init; }

    /// <summary>The line as clean Markdown (HTML removed, links and images kept, list markers kept).</summary>
    public required string Markdown { get; init; }

    /// <summary>The line's visible text: no Markdown markers, link labels kept, images dropped.</summary>
    public required string Text { get; init; }

    /// <summary>How many block quotes the line is in, counting only quotes whose marker is on this very line.</summary>
    public int QuoteDepth { get; init; }

    /// <summary>True for the first line of a paragraph, list item, heading or code block.</summary>
    public bool StartsBlock { get; init; }

    /// <summary>True when every visible character is inside strong emphasis (<c>**…**</c>).</summary>
    public bool IsAllBold { get; init; }

    /// <summary>True when the line shows images and no text.</summary>
    public bool IsImageOnly { get; init; }

    /// <summary>The link targets on the line, in order (autolinks included, images excluded).</summary>
    public IReadOnlyList<DocLink> Links { get; init; } = [];

    /// <summary>The line's text with the text of its links removed: what surrounds the links.</summary>
    public string TextOutsideLinks { get; init; } = "";

    public int HeadingLevel { get; init; }

    /// <summary>True when the line begins with a character reference (<c>&amp;#32;</c>, <c>&amp;#64;</c>…). The
    /// weeklies never do; a writer does it to say "this line is text": an answer line that reads "A：…" or
    /// "@X 提问：", a question that starts with "Q:" (see <c>LearnedWeeklyWriter</c>). A leading <c>&amp;#32;</c> is
    /// not part of <see cref="Markdown"/>, but the indentation written after it is.</summary>
    public bool StartsWithReference { get; init; }
}

/// <summary>A link on a line: its visible label and its target.</summary>
internal sealed record DocLink(string Label, string Url);
