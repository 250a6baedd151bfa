using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SofaBot.Corpus;
using SofaBot.Diagnostics;
using SofaBot.Projects;
using SofaBot.Retrieval.Lexical;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Retrieval;

/// <summary>Finds the prior pairs closest to a message. Every question turn is a unit; units are ranked by BM25F
/// over question and answer and by embedding similarity, the two fused, then collapsed to one candidate per pair
/// and per republished copy. Units can be added while the retriever serves queries.</summary>
/// <remarks>The fused score only ranks. Whether the best candidate is right is judged separately, from evidence
/// that means the same for every query (see <c>Answering</c>): a fused rank score says nothing about that.</remarks>
public sealed class QaRetriever
{
    private readonly ProjectCatalog _catalog;
    private readonly RetrievalOptions _options;
    private readonly ILogger _logger;
    private readonly LexicalIndex _lexical;
    private readonly List<RetrievalUnit> _units = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private VectorIndex? _vectors;
    private DateTimeOffset _vectorsPausedUntil = DateTimeOffset.MinValue;

    public QaRetriever(ProjectCatalog catalog, Synonyms synonyms, RetrievalOptions options, ILogger logger, TimeProvider? timeProvider = null)
        : this(catalog, synonyms, options, logger, new LexicalIndex(options.AnswerWeight), new HanCohesion(), timeProvider)
    {
    }

    /// <summary>A retriever over a lexical index and cohesion counts restored from a snapshot; see
    /// <see cref="RestoreUnits"/>.</summary>
    internal QaRetriever(ProjectCatalog catalog, Synonyms synonyms, RetrievalOptions options, ILogger logger, LexicalIndex lexical, HanCohesion cohesion, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _catalog = catalog;
        _options = options;
        _logger = logger;
        _lexical = lexical;
        Analyzer = new Analyzer(catalog, synonyms, cohesion);
    }

    public Analyzer Analyzer { get; }

    public LexicalIndex Lexical => _lexical;

    /// <summary>How long queries are ranked with words alone after the embedder failed on one.</summary>
    public static TimeSpan QueryEmbeddingPause { get; } = TimeSpan.FromMinutes(1);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _units.Count;
            }
        }
    }

    /// <summary>True while vectors take part in ranking (an embedder is set and has not failed).</summary>
    public bool HasVectors => _vectors is not null && _embedder is not null;

    public RetrievalUnit Unit(int id)
    {
        lock (_gate)
        {
            return _units[id];
        }
    }

    /// <summary>The texts the units are made of, for training the corpus embedder.</summary>
    public static IEnumerable<string> UnitTexts(IEnumerable<QaPair> pairs) =>
        pairs.Where(p => p.IsAnswered).SelectMany(p => p.Turns.Select(t => QuestionText(p, t) + "\n" + PlainText.FromMarkdown(t.Answer)));

    /// <summary>Indexes every answered turn of the pairs lexically, then frees the spare room of a bulk load; call
    /// <see cref="UseEmbedderAsync"/> to add vectors.</summary>
    public void Add(IEnumerable<QaPair> pairs)
    {
        _ = AddUnits(pairs);
        _lexical.Compact();
    }

    /// <summary>Indexes every answered turn of the pairs; returns the new units' ids.</summary>
    private List<int> AddUnits(IEnumerable<QaPair> pairs)
    {
        var ids = new List<int>();
        foreach (var (pair, turn, project, republishKey) in UnitsOf(pairs))
        {
            ids.Add(AddUnit(pair, turn, QuestionText(pair, pair.Turns[turn]), project, republishKey, alternate: null));
        }

        return ids;
    }

    /// <summary>The units of the pairs, in the order they are indexed: every turn of every answered pair.</summary>
    private IEnumerable<(QaPair Pair, int Turn, Project Project, string RepublishKey)> UnitsOf(IEnumerable<QaPair> pairs)
    {
        foreach (var pair in pairs.Where(p => p.IsAnswered))
        {
            var project = _catalog.FindByName(pair.Project.Name) ?? _catalog.Fallback;
            var republishKey = pair.RepublishKey;
            for (var turn = 0; turn < pair.Turns.Count; turn++)
            {
                yield return (pair, turn, project, republishKey);
            }
        }
    }

    /// <summary>Points the units of a restored lexical index back at the pairs it was built from (in the order
    /// <see cref="Add"/> indexed them), without indexing anything.</summary>
    /// <exception cref="InvalidDataException">The index holds another number of units than the pairs make.</exception>
    internal void RestoreUnits(IEnumerable<QaPair> pairs)
    {
        lock (_gate)
        {
            foreach (var (pair, turn, _, republishKey) in UnitsOf(pairs))
            {
                _units.Add(new RetrievalUnit(_units.Count, pair, turn, republishKey));
            }

            if (_units.Count != _lexical.Count)
            {
                throw new InvalidDataException($"the lexical index has {_lexical.Count} units, the pairs make {_units.Count}");
            }
        }
    }

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

        var questionTerms = Analyzer.QuestionTerms(question, project);
        var answerTerms = Analyzer.AnswerTerms(answer);
        lock (_gate)
        {
            // under the gate, so the lexical id and the unit's position stay the same number
            var id = _lexical.Add(questionTerms, answerTerms);
            _units.Add(new RetrievalUnit(id, pair, turn, republishKey, alternate));
            return id;
        }
    }

    /// <summary>Indexes the pairs and embeds their questions (new learned pairs at run time, for example). If
    /// the embedder fails now, the new units are found by their words alone; the others keep their vectors.</summary>
    public Task AddAsync(IReadOnlyList<QaPair> pairs, CancellationToken cancellationToken = default) =>
        // no compaction here: trimming every posting list for each learned pair would cost the whole vocabulary
        EmbedNewUnitsAsync(AddUnits(pairs), cancellationToken);

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
        return EmbedNewUnitsAsync([id], cancellationToken);
    }

    /// <summary>Embeds units added at run time; a failure leaves them to be found by their words.</summary>
    private async Task EmbedNewUnitsAsync(List<int> ids, CancellationToken cancellationToken)
    {
        var (embedder, vectors) = (_embedder, _vectors);
        if (embedder is null || ids.Count == 0)
        {
            return;
        }

        try
        {
            var embedded = await EmbedUnitsAsync(embedder, vectors, ids, cancellationToken);
            if (vectors is null && embedded is not null && Interlocked.CompareExchange(ref _vectors, embedded, null) is { } other)
            {
                // another add made the first vectors meanwhile: these units belong in that index
                await EmbedUnitsAsync(embedder, other, ids, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.EmbedderFailedOnNewUnits(ids.Count, LogMessages.Reason(e));
        }
    }

    /// <summary>The embedder and the unit vectors ranking uses now (null when ranking with words alone).</summary>
    internal (IEmbeddingGenerator<string, Embedding<float>>? Embedder, VectorIndex? Vectors) Embedding => (_embedder, _vectors);

    /// <summary>Ranks with vectors restored from a snapshot: the embedder that made them, and the vector of every unit.</summary>
    internal void UseVectors(IEmbeddingGenerator<string, Embedding<float>> embedder, VectorIndex vectors)
    {
        if (vectors.Count != Count)
        {
            throw new InvalidDataException($"{vectors.Count} unit vectors for {Count} units");
        }

        (_embedder, _vectors) = (embedder, vectors);
    }

    /// <summary>Embeds every unit with the embedder and ranks with vectors from now on. When the embedder fails
    /// (refused, timeout, bad answer) the retriever logs it once and stays lexical-only; it never throws.</summary>
    public async Task<bool> UseEmbedderAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken = default)
    {
        _embedder = null;
        _vectors = null;
        var count = Count;
        try
        {
            // the vectors are published when complete: a search meanwhile ranks with words, not half the vectors
            var vectors = await EmbedUnitsAsync(embedder, null, Range(0, count), cancellationToken);
            if (vectors is null)
            {
                // nothing to embed yet: the first pairs added will set the size
                _embedder = embedder;
                return true;
            }

            (_embedder, _vectors) = (embedder, vectors);

            // units added while embedding
            if (Count > count)
            {
                await EmbedUnitsAsync(embedder, vectors, Range(count, Count), cancellationToken);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // one clear line; ranking goes on with words alone
            _logger.EmbedderUnavailable(count, LogMessages.Reason(e));
            _embedder = null;
            _vectors = null;
            return false;
        }
    }

    /// <summary>The best candidates for a message, best first, one per pair (and per republished copy).</summary>
    public async Task<List<Candidate>> SearchAsync(Query query, int top = 5, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty)
        {
            return [];
        }

        var pool = Math.Max(top * 8, 40);
        using var allLexical = mode == RetrievalMode.Vector ? LexicalScores.Empty : _lexical.ScoreAll(query.Terms);
        var lexical = allLexical.Top(pool);
        var queryVector = mode == RetrievalMode.Lexical ? null : await EmbedQueryAsync(query.Text, cancellationToken);
        var vectorHits = queryVector is null ? [] : _vectors!.Search(queryVector, pool);

        // the pool: lexical hits with their cosine, then vector hits the words missed
        var pooled = new List<(int Unit, float Lexical, float Vector)>(lexical.Count + vectorHits.Count);
        var inPool = new HashSet<int>();
        var cosines = queryVector is null ? [] : _vectors!.Similarities(queryVector, lexical.Select(l => l.Unit));
        for (var i = 0; i < lexical.Count; i++)
        {
            inPool.Add(lexical[i].Unit);
            pooled.Add((lexical[i].Unit, lexical[i].Score, queryVector is null ? 0 : cosines[i]));
        }

        foreach (var (unit, cosine) in vectorHits)
        {
            if (inPool.Add(unit))
            {
                pooled.Add((unit, allLexical[unit], cosine));
            }
        }

        var bestLexical = lexical.Count > 0 ? lexical[0].Score : 0;
        var lexicalFirst = lexical.Count > 0 ? Unit(lexical[0].Unit).Pair.Id : null;
        var vectorFirst = vectorHits.Count > 0 ? Unit(vectorHits[0].Unit).Pair.Id : lexicalFirst;
        var fused = pooled.ConvertAll(p => (p.Unit, p.Lexical, p.Vector, Score: Fuse(p.Lexical, p.Vector, bestLexical, mode)));
        fused.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Unit.CompareTo(b.Unit));

        var seenPairs = new HashSet<string>(StringComparer.Ordinal);
        var seenQuestions = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        foreach (var (unitId, lexicalScore, vector, score) in fused)
        {
            var unit = Unit(unitId);

            // a pair counts once, through its best turn; the same Q&A republished in a later weekly is one answer
            if (!seenPairs.Add(unit.Pair.Id) || !seenQuestions.Add(unit.RepublishKey))
            {
                continue;
            }

            var agreement = (unit.Pair.Id == lexicalFirst ? 1 : 0) + (unit.Pair.Id == vectorFirst ? 1 : 0);
            candidates.Add(new Candidate(unit.Pair, unit.Turn, lexicalScore, vector, score, agreement, unitId));
            if (candidates.Count == top)
            {
                break;
            }
        }

        return candidates;
    }

    private float Fuse(float lexical, float vector, float bestLexical, RetrievalMode mode) => mode switch
    {
        RetrievalMode.Vector => vector,
        RetrievalMode.Lexical => bestLexical > 0 ? lexical / bestLexical : 0,
        _ => (bestLexical > 0 ? lexical / bestLexical : 0) + (_options.VectorWeight * Math.Max(0, vector)),
    };

    private async Task<float[]?> EmbedQueryAsync(string text, CancellationToken cancellationToken)
    {
        var (embedder, vectors) = (_embedder, _vectors);
        if (embedder is null || vectors is null || _timeProvider.GetUtcNow() < _vectorsPausedUntil)
        {
            return null;
        }

        try
        {
            var embedding = await embedder.GenerateAsync([text], CachingEmbeddingGenerator.Uncached, cancellationToken);
            var vector = embedding[0].Vector.ToArray();
            if (vector.Length == vectors.Dimensions)
            {
                return vector;
            }

            _logger.EmbeddingDimensionsChanged(vector.Length, vectors.Dimensions);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // a service that is down would add its timeout to every message: rank with words alone for a while
            _vectorsPausedUntil = _timeProvider.GetUtcNow() + QueryEmbeddingPause;
            _logger.QueryEmbeddingFailed(LogMessages.Reason(e), QueryEmbeddingPause.TotalSeconds);
            return null;
        }
    }

    /// <summary>Embeds the units in batches into <paramref name="vectors"/> (made at the size of the first vector
    /// when null); throws when the embedder fails or answers with the wrong number or size of vectors.</summary>
    private async Task<VectorIndex?> EmbedUnitsAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, VectorIndex? vectors, List<int> units, CancellationToken cancellationToken)
    {
        var batch = Math.Max(1, _options.OpenAI.BatchSize);
        var capacity = units.Count == 0 ? 0 : units.Max() + 1;
        for (var start = 0; start < units.Count; start += batch)
        {
            var ids = units.GetRange(start, Math.Min(batch, units.Count - start));
            var texts = ids.Select(UnitQuestionText).ToList();
            var embeddings = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken);
            if (embeddings.Count != texts.Count)
            {
                throw new InvalidOperationException($"the embedder returned {embeddings.Count} embeddings for {texts.Count} texts");
            }

            for (var i = 0; i < ids.Count; i++)
            {
                // Set refuses a vector of another size than the first: a model switched behind the endpoint
                vectors ??= new VectorIndex(embeddings[i].Vector.Length, capacity);
                vectors.Set(ids[i], embeddings[i].Vector.Span);
            }
        }

        return vectors;
    }

    private static List<int> Range(int from, int to) => Enumerable.Range(from, Math.Max(0, to - from)).ToList();

    /// <summary>The text a unit is embedded by: its alternate wording, or its turn's question.</summary>
    private string UnitQuestionText(int id)
    {
        var unit = Unit(id);
        return unit.AlternateQuestion is { } alternate ? PlainText.FromMarkdown(alternate) : QuestionText(unit.Pair, unit.Content);
    }

    private static string QuestionText(QaPair pair, QaTurn turn) =>
        PlainText.FromMarkdown((pair.Topic is null ? "" : pair.Topic + "\n") + turn.Question);

}
