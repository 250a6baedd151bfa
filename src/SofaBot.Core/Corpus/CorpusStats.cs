namespace SofaBot.Corpus;

/// <summary>Counts that say how well the corpus was read.</summary>
public sealed record CorpusStats
{
    /// <summary>Weekly files found and read (<c>*.md</c>, <c>*.txt</c>).</summary>
    public int FilesRead { get; init; }

    /// <summary>Files found but not read: unreadable, binary, not UTF-8, or over the size limit.</summary>
    public int FilesSkipped { get; init; }

    public int FilesWithQa { get; init; }

    public int Pairs { get; init; }

    public int Turns { get; init; }

    /// <summary>Pairs printed without any answer (kept, but they cannot answer anyone).</summary>
    public int PairsWithoutAnswer { get; init; }

    public required IReadOnlyDictionary<LinkSource, int> Links { get; init; }

    /// <summary>Pairs whose link the project map filled, corrected or fell back to.</summary>
    public int LinksFromProjectMap => Links.Where(l => l.Key != LinkSource.Weekly).Sum(l => l.Value);

    public int Warnings { get; init; }

    public double ElapsedMilliseconds { get; init; }
}
