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
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _catalog = catalog;
        _options = options;
        _logger = logger;
        _lexical = new LexicalIndex(options.AnswerWeight);
        Analyzer = new Analyzer(catalog, synonyms, new HanCohesion());
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
        AddUnits(pairs);
        _lexical.Compact();
    }

    private void AddUnits(IEnumerable<QaPair> pairs)
    {
        foreach (var pair in pairs.Where(p => p.IsAnswered))
        {
            var project = _catalog.FindByName(pair.Project.Name) ?? _catalog.Fallback;
            var republishKey = pair.RepublishKey;
            foreach (var (turn, i) in pair.Turns.Select((t, i) => (t, i)))
            {
                var question = QuestionText(pair, turn);
                var answer = PlainText.FromMarkdown(turn.Answer);
                Analyzer.Cohesion.Add(question);
                Analyzer.Cohesion.Add(answer);
                lock (_gate)
                {
                    var id = _lexical.Add(Analyzer.QuestionTerms(question, project), Analyzer.AnswerTerms(answer));
                    _units.Add(new RetrievalUnit(id, pair, i, republishKey));
                }
            }
        }
    }

    /// <summary>Indexes the pairs and embeds their questions (new learned pairs at run time, for example). If
    /// the embedder fails now, the new units are found by their words alone; the others keep their vectors.</summary>
    public async Task AddAsync(IReadOnlyList<QaPair> pairs, CancellationToken cancellationToken = default)
    {
        // no compaction here: trimming every posting list for each learned pair would cost the whole vocabulary
        var first = Count;
        AddUnits(pairs);
        var (embedder, vectors) = (_embedder, _vectors);
        if (embedder is null)
        {
            return;
        }

        try
        {
            var embedded = await EmbedUnitsAsync(embedder, vectors, first, Count, cancellationToken);
            _vectors ??= embedded;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.EmbedderFailedOnNewUnits(Count - first, LogMessages.Reason(e));
        }
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
            var vectors = await EmbedUnitsAsync(embedder, null, 0, count, cancellationToken);
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
                await EmbedUnitsAsync(embedder, vectors, count, Count, cancellationToken);
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

    /// <summary>Embeds units [from, to) in batches into <paramref name="vectors"/> (made at the size of the first
    /// vector when null); throws when the embedder fails or answers with the wrong number or size of vectors.</summary>
    private async Task<VectorIndex?> EmbedUnitsAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, VectorIndex? vectors, int from, int to, CancellationToken cancellationToken)
    {
        var batch = Math.Max(1, _options.OpenAI.BatchSize);
        for (var start = from; start < to; start += batch)
        {
            var ids = Enumerable.Range(start, Math.Min(batch, to - start)).ToList();
            var texts = ids.Select(UnitQuestionText).ToList();
            var embeddings = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken);
            if (embeddings.Count != texts.Count)
            {
                throw new InvalidOperationException($"the embedder returned {embeddings.Count} embeddings for {texts.Count} texts");
            }

            for (var i = 0; i < ids.Count; i++)
            {
                // Set refuses a vector of another size than the first: a model switched behind the endpoint
                vectors ??= new VectorIndex(embeddings[i].Vector.Length, to);
                vectors.Set(ids[i], embeddings[i].Vector.Span);
            }
        }

        return vectors;
    }

    private string UnitQuestionText(int id)
    {
        var unit = Unit(id);
        return QuestionText(unit.Pair, unit.Content);
    }

    private static string QuestionText(QaPair pair, QaTurn turn) =>
        PlainText.FromMarkdown((pair.Topic is null ? "" : pair.Topic + "\n") + turn.Question);

}
