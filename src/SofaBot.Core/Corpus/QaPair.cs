namespace SofaBot.Corpus;

/// <summary>One asker's question from a weekly's Q&amp;A section, with the maintainers' answer and any follow-ups.</summary>
public sealed record QaPair
{
    /// <summary>Stable id: <c>&lt;weekly slug&gt;:&lt;position of the pair in the weekly&gt;</c>, for example <c>sofa-weekly-20211119:2</c>.</summary>
    public required string Id { get; init; }

    public required Weekly Weekly { get; init; }

    /// <summary>The asker's name without the <c>@</c>; null when the weekly grouped questions under a topic with no asker.</summary>
    public string? Asker { get; init; }

    /// <summary>The group header the pair was printed under (for example <c>关于 Seata 事务分组</c>), if any.</summary>
    public string? Topic { get; init; }

    /// <summary>The first question and answer, then every follow-up, in order. Never empty.</summary>
    public required IReadOnlyList<QaTurn> Turns { get; init; }

    public required ProjectLink Project { get; init; }

    /// <summary>The GitHub issue the pair was taken from ("GitHub issue 精选" sections), if the weekly named one.</summary>
    public string? IssueUrl { get; init; }

    /// <summary>1-based line in the weekly's file where the pair starts.</summary>
    public int Line { get; init; }

    public string Question => Turns[0].Question;

    public string Answer => Turns[0].Answer;

    /// <summary>The same for a Q&amp;A and its copies republished in later weeklies: the first question, folded
    /// (NFKC, lower case) and without spaces.</summary>
    public string RepublishKey => Retrieval.Text.Tokenizer.Fold(Question).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>True when at least one turn has an answer, i.e. the pair can answer someone.</summary>
    public bool IsAnswered => Turns.Any(t => t.Answer.Length > 0);
}
