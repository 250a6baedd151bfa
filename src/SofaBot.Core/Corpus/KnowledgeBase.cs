namespace SofaBot.Corpus;

/// <summary>The Q&amp;A knowledge base read from a corpus: every pair, the weeklies they came from, and what went wrong.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, QaPair> _byId;

    public KnowledgeBase(string root, IReadOnlyList<Weekly> weeklies, IReadOnlyList<QaPair> pairs, IReadOnlyList<CorpusWarning> warnings, CorpusStats stats)
    {
        Root = root;
        Weeklies = weeklies;
        Pairs = pairs;
        Warnings = warnings;
        Stats = stats;
        _byId = pairs.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The corpus path the knowledge base was read from.</summary>
    public string Root { get; }

    public IReadOnlyList<Weekly> Weeklies { get; }

    /// <summary>Every pair, by weekly date, then file, then position in the weekly.</summary>
    public IReadOnlyList<QaPair> Pairs { get; }

    public IReadOnlyList<CorpusWarning> Warnings { get; }

    public CorpusStats Stats { get; }

    public QaPair? Find(string id) => _byId.GetValueOrDefault(id.Trim());
}
