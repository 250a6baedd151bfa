using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SofaBot.Answering;
using SofaBot.Corpus;
using SofaBot.Diagnostics;
using SofaBot.Learning;
using SofaBot.Retrieval.Text;

namespace SofaBot.Retrieval;

/// <summary>The knowledge base, indexed and ready to answer: what every verb and channel asks. It learns while it
/// answers: pairs and alternate wordings maintainers approved join the index without a restart.</summary>
public sealed class KnowledgeIndex(KnowledgeBase knowledgeBase, QaRetriever retriever, AnswerDecider decider, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, QaPair> _learnedById = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<QaPair> _learned = [];
    private readonly HashSet<(string PairId, int Turn, string Wording)> _alternates = [];

    public KnowledgeBase KnowledgeBase { get; } = knowledgeBase;

    public QaRetriever Retriever { get; } = retriever;

    public AnswerDecider Decider { get; } = decider;

    /// <summary>The learned pairs in the index, in the order they were learned.</summary>
    public IReadOnlyList<QaPair> Learned
    {
        get
        {
            lock (_gate)
            {
                return [.. _learned];
            }
        }
    }

    public Task<AnswerDecision> DecideAsync(string message, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default) =>
        Decider.DecideAsync(message, null, mode, cancellationToken);

    /// <summary>What a reply to the bot's reply to <paramref name="earlier"/> continues: the earlier message decided
    /// now, and what the bot would have shown for it (the reply itself is not kept: <c>eval</c> and <c>ask</c>).</summary>
    public async Task<FollowUpContext> ContextAfterAsync(string earlier, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default) =>
        FollowUpContext.After(earlier, await DecideAsync(earlier, mode, cancellationToken));

    /// <summary>Decides on a message that replies to the bot, read with what it continues.</summary>
    public Task<AnswerDecision> DecideAsync(string message, FollowUpContext? context, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default) =>
        Decider.DecideAsync(message, context, mode, cancellationToken);

    /// <summary>A pair of the corpus or a learned one, by id (case and surrounding spaces do not matter).</summary>
    public QaPair? FindPair(string id)
    {
        var key = id.Trim();
        if (KnowledgeBase.Find(key) is { } pair)
        {
            return pair;
        }

        lock (_gate)
        {
            return _learnedById.GetValueOrDefault(key);
        }
    }

    /// <summary>Applies one learned entry: a new pair joins the index, an alternate wording points at its pair.
    /// Returns false, with a log line, for an entry that cannot be applied (a wording for a pair or turn the index
    /// does not have, an entry without its text) or is already applied; it never throws for those.</summary>
    public async Task<bool> LearnAsync(LearnedEntry entry, CancellationToken cancellationToken = default) =>
        entry.Kind == LearnedKind.Pair
            ? await LearnPairsAsync([entry], cancellationToken) == 1
            : await LearnAlternateAsync(entry, cancellationToken);

    /// <summary>Applies entries at start-up (the store's list, oldest first); returns how many were applied. New
    /// pairs go first, in one batch, so a wording learned for a learned pair finds it whatever the order.</summary>
    public async Task<int> LearnAsync(IReadOnlyList<LearnedEntry> entries, CancellationToken cancellationToken = default)
    {
        var applied = await LearnPairsAsync(entries.Where(e => e.Kind == LearnedKind.Pair).ToList(), cancellationToken);
        foreach (var entry in entries.Where(e => e.Kind != LearnedKind.Pair))
        {
            applied += await LearnAlternateAsync(entry, cancellationToken) ? 1 : 0;
        }

        return applied;
    }

    private async Task<int> LearnPairsAsync(List<LearnedEntry> entries, CancellationToken cancellationToken)
    {
        var fallback = Retriever.Analyzer.Catalog.Fallback;
        var fallbackProject = new ProjectLink(fallback.Name, fallback.Repository, LinkSource.Fallback);
        var pairs = new List<QaPair>();
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Answer) || string.IsNullOrWhiteSpace(entry.Question) || string.IsNullOrWhiteSpace(entry.PairId))
            {
                Ignore(entry, "a learned pair needs its id, question and answer");
                continue;
            }

            var pair = LearnedPairs.ToPair(entry, fallbackProject);
            if (!Claim(pair))
            {
                _logger.LearnedEntryKnown(entry.Id, entry.PairId);
                continue;
            }

            pairs.Add(pair);
        }

        await Retriever.AddAsync(pairs, cancellationToken);
        return pairs.Count;
    }

    /// <summary>Takes the pair's id for the learned pairs; false when the corpus or an earlier entry has it.</summary>
    private bool Claim(QaPair pair)
    {
        lock (_gate)
        {
            if (KnowledgeBase.Find(pair.Id) is not null || !_learnedById.TryAdd(pair.Id, pair))
            {
                return false;
            }

            _learned.Add(pair);
            return true;
        }
    }

    private async Task<bool> LearnAlternateAsync(LearnedEntry entry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(entry.Question))
        {
            return Ignore(entry, "the alternate question is empty");
        }

        if (FindPair(entry.PairId) is not { } pair)
        {
            return Ignore(entry, "no pair of the corpus or learned pair has this id (a corpus that changed since it was learned?)");
        }

        if (entry.Turn < 0 || entry.Turn >= pair.Turns.Count || pair.Turns[entry.Turn].Answer.Length == 0)
        {
            return Ignore(entry, $"the pair has no answered turn {entry.Turn}");
        }

        lock (_gate)
        {
            // the same wording approved twice (two maintainers, a replayed review) is one unit
            if (!_alternates.Add((pair.Id, entry.Turn, Tokenizer.Fold(entry.Question).Trim())))
            {
                _logger.LearnedEntryKnown(entry.Id, entry.PairId);
                return false;
            }
        }

        await Retriever.AddAlternateAsync(pair, entry.Turn, entry.Question, cancellationToken);
        return true;
    }

    private bool Ignore(LearnedEntry entry, string reason)
    {
        _logger.LearnedEntryIgnored(entry.Id, entry.Kind.ToString(), entry.PairId, reason);
        return false;
    }
}
