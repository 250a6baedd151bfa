namespace SofaBot.Corpus.Parsing;

/// <summary>What <see cref="WeeklyParser"/> read from one file.</summary>
/// <param name="QaSections">How many Q&amp;A section titles the file has (0: not a file with Q&amp;A).</param>
internal sealed record ParsedWeekly(WeeklyHeader Header, IReadOnlyList<RawPair> Pairs, IReadOnlyList<CorpusWarning> Warnings, int QaSections);
