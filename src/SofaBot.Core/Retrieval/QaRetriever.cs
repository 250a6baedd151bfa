using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SofaBot.Corpus;
using SofaBot.Projects;
using SofaBot.Retrieval.Lexical;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Units;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Retrieval;

/// <summary>Finds the prior pairs closest to a message. Every question turn is a unit (<see cref="UnitTable"/>);
/// units are ranked by BM25F over question and answer (<see cref="LexicalIndex"/>) and by embedding similarity
/// (<see cref="UnitVectors"/>), the two fused and collapsed to candidates (<see cref="CandidateFusion"/>). Units can
/// be added while the retriever serves queries.</summary>
/// <remarks>The fused score only ranks. Whether the best candidate is right is judged separately, from evidence
/// that means the same for every query (see <c>Answering</c>): a fused rank score says nothing about that.</remarks>
public sealed class QaRetriever
{
    private readonly ProjectCatalog _catalog;
    private readonly RetrievalOptions _options;
    private readonly UnitTable _units;
    private readonly UnitVectors _vectors;

    public QaRetriever(ProjectCatalog catalog, Synonyms synonyms, RetrievalOptions options, ILogger logger, TimeProvider? timeProvider = null, EmbedderFailures? embedderFailures = null)
        : this(catalog, synonyms, options, logger, new LexicalIndex(options.AnswerWeight), new HanCohesion(), timeProvider, embedderFailures)
    {
    }

    /// <summary>A retriever over a lexical index and cohesion counts restored from a snapshot; see
    /// <see cref="RestoreUnits"/>.</summary>
    internal QaRetriever(ProjectCatalog catalog, Synonyms synonyms, RetrievalOptions options, ILogger logger, LexicalIndex lexical, HanCohesion cohesion, TimeProvider? timeProvider = null, EmbedderFailures? embedderFailures = null)
    {
        _catalog = catalog;
        _options = options;
        Lexical = lexical;
        Analyzer = new Analyzer(catalog, synonyms, cohesion, lexical, options.Reading);
        _units = new UnitTable(lexical);
        _vectors = new UnitVectors(_units, options, logger, timeProvider ?? TimeProvider.System, embedderFailures);
    }

    public Analyzer Analyzer { get; }

    public LexicalIndex Lexical { get; }

    /// <summary>How long queries are ranked with words alone after the embedder failed on one.</summary>
    public static TimeSpan QueryEmbeddingPause => UnitVectors.QueryEmbeddingPause;

    public int Count => _units.Count;

    /// <summary>True while vectors take part in ranking (an embedder is set and has not failed).</summary>
    public bool HasVectors => _vectors.InUse.IsOn;

    /// <summary>The embedder and the unit vectors ranking uses now (null when ranking with words alone).</summary>
    internal (IEmbeddingGenerator<string, Embedding<float>>? Embedder, VectorIndex? Vectors) Embedding => (_vectors.InUse.Embedder, _vectors.InUse.Vectors);

    public RetrievalUnit Unit(int id) => _units[id];

    /// <summary>The units of a pair: its turns and the alternate wordings learned for them.</summary>
    public IReadOnlyList<RetrievalUnit> UnitsOf(string pairId) => [.. _units.OfPair(pairId).Select(id => _units[id])];

    /// <summary>Indexes every answered turn of the pairs lexically, then frees the spare room of a bulk load; call
    /// <see cref="UseEmbedderAsync"/> to add vectors.</summary>
    public void Add(IEnumerable<QaPair> pairs)
    {
        _ = AddUnits(pairs);
        Lexical.Compact();
    }

    /// <summary>Indexes the pairs and embeds their questions (new learned pairs at run time, for example). If
    /// the embedder fails now, the new units are found by their words alone; the others keep their vectors.</summary>
    public Task AddAsync(IReadOnlyList<QaPair> pairs, CancellationToken cancellationToken = default) =>
        // no compaction here: trimming every posting list for each learned pair would cost the whole vocabulary
        _vectors.EmbedNewAsync(AddUnits(pairs), cancellationToken);

    /// <summary>Indexes another wording of a turn's question (an asker's words a maintainer approved as asking
    /// what the turn answers), and embeds it like <see cref="AddAsync"/>. A search that matches the wording finds
    /// the pair and turn themselves, so replies quote the original question and answer; the pair still counts
    /// once among the candidates, through whichever of its units matched best.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The pair has no such turn.</exception>
    /// <exception cref="ArgumentException">The wording is blank.</exception>
    public Task AddAlternateAsync(QaPair pair, int turn, string question, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(turn);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(turn, pair.Turns.Count);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var project = _catalog.FindByName(pair.Project.Name) ?? _catalog.Fallback;
        var id = AddUnit(pair, turn, PlainText.FromMarkdown(question), project, pair.RepublishKey, question);
        return _vectors.EmbedNewAsync([id], cancellationToken);
    }

    /// <summary>Points the units of a restored lexical index back at the pairs it was built from (in the order
    /// <see cref="Add"/> indexed them), without indexing anything.</summary>
    /// <exception cref="InvalidDataException">The index holds another number of units than the pairs make.</exception>
    internal void RestoreUnits(IEnumerable<QaPair> pairs) =>
        _units.Restore(UnitSource.Of(pairs, _catalog).Select(u => (Func<int, RetrievalUnit>)(id => new RetrievalUnit(id, u.Pair, u.Turn, u.RepublishKey))));

    /// <summary>Ranks with vectors restored from a snapshot: the embedder that made them, and the vector of every unit.</summary>
    internal void UseVectors(IEmbeddingGenerator<string, Embedding<float>> embedder, VectorIndex vectors) => _vectors.Use(embedder, vectors);

    /// <summary>Embeds every unit with the embedder and ranks with vectors from now on. When the embedder fails
    /// (refused, timeout, bad answer) the retriever logs it once and stays lexical-only; it never throws.</summary>
    public Task<bool> UseEmbedderAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken = default) =>
        _vectors.UseEmbedderAsync(embedder, cancellationToken);

    /// <summary>The best candidates for a message, best first, one per pair (and per republished copy).</summary>
    public async Task<List<Candidate>> SearchAsync(Query query, int top = 5, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty)
        {
            return [];
        }

        var pool = Math.Max(top * 3, 40);
        using var allLexical = mode == RetrievalMode.Vector ? LexicalScores.Empty : Lexical.ScoreAll(query.Terms);
        var lexical = allLexical.Top(pool);
        var (queryVector, vectors) = mode == RetrievalMode.Lexical ? (null, null) : await _vectors.EmbedQueryAsync(query, cancellationToken);
        var vectorHits = queryVector is null ? [] : vectors!.Search(queryVector, pool);
        var cosines = queryVector is null ? [] : vectors!.Similarities(queryVector, lexical.Select(l => l.Unit));
        return CandidateFusion.Collapse(_units, lexical, allLexical, cosines, vectorHits, (l, v, best) => Fuse(l, v, best, mode), top);
    }

    private float Fuse(float lexical, float vector, float bestLexical, RetrievalMode mode) => mode switch
    {
        RetrievalMode.Vector => vector,
        RetrievalMode.Lexical => bestLexical > 0 ? lexical / bestLexical : 0,
        _ => (bestLexical > 0 ? lexical / bestLexical : 0) + (_options.VectorWeight * Math.Max(0, vector)),
    };

    /// <summary>Indexes every answered turn of the pairs; returns the new units' ids.</summary>
    private List<int> AddUnits(IEnumerable<QaPair> pairs) =>
        [.. UnitSource.Of(pairs, _catalog).Select(u => AddUnit(u.Pair, u.Turn, UnitSource.QuestionText(u.Pair, u.Pair.Turns[u.Turn]), u.Project, u.RepublishKey, alternate: null))];

    /// <summary>Indexes one unit: <paramref name="question"/> as its question, the turn's answer as its answer.</summary>
    private int AddUnit(QaPair pair, int turn, string question, Project project, string republishKey, string? alternate)
    {
        var answer = PlainText.FromMarkdown(pair.Turns[turn].Answer);
        Analyzer.Cohesion.Add(question);
        if (alternate is null)
        {
            // an alternate repeats an answer the corpus already counted once
            Analyzer.Cohesion.Add(answer);
        }

        return _units.Add(Analyzer.QuestionTerms(question, project), Analyzer.AnswerTerms(answer), id => new RetrievalUnit(id, pair, turn, republishKey, alternate));
    }
}
