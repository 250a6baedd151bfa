using System.Text;

namespace SofaBot.Corpus.Parsing;

/// <summary>A pair as the Q&amp;A reader found it, before ids and project links are decided.</summary>
internal sealed class RawPair
{
    public string? Asker { get; set; }

    public string? Topic { get; init; }

    public int Line { get; init; }

    public int? Issue { get; init; }

    /// <summary>"issue 精选" headers sometimes name the project where the asker would be (<c>**1.@MOSN** **#2347**</c>),
    /// with the asker on the next line; this keeps that name as evidence for the project.</summary>
    public string? IssueHeaderProject { get; set; }

    public List<RawTurn> Turns { get; } = [];

    public List<(string Label, string Url)> Links { get; } = [];
}

/// <summary>One question and its answer, being collected line by line.</summary>
internal sealed class RawTurn(int line, bool afterLink)
{
    public int Line { get; } = line;

    /// <summary>True for a turn that started after the pair's link line; it is kept only if it gets an answer.</summary>
    public bool AfterLink { get; } = afterLink;

    public StringBuilder Question { get; } = new();

    public StringBuilder Answer { get; } = new();

    public static void Append(StringBuilder text, DocLine line, string? markdown = null)
    {
        var content = markdown ?? line.Markdown;
        if (content.Length == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(line.StartsBlock ? "\n\n" : "\n");
        }

        text.Append(content);
    }
}
