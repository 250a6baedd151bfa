namespace SofaBot.Corpus.Parsing;

/// <summary>What <see cref="WeeklyParser"/> read from one file.</summary>
internal sealed record ParsedWeekly(WeeklyHeader Header, IReadOnlyList<RawPair> Pairs, IReadOnlyList<CorpusWarning> Warnings);
