using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SofaBot.Diagnostics;
using SofaBot.Retrieval.Units;

namespace SofaBot.Retrieval.Vectors;

/// <summary>The embedder and the units' vectors, and their life: embedding every unit when an embedder is set,
/// embedding units added at run time, embedding messages, and falling back to words alone when the embedder fails.
/// The embedder and the vector index are published together as one immutable <see cref="VectorsInUse"/>, so a
/// search never sees an embedder with another embedder's vectors, or half of them.</summary>
/// <param name="failures">Where failures are counted as well as logged (null: logged only, as in the verbs' tests).</param>
internal sealed class UnitVectors(UnitTable units, RetrievalOptions options, ILogger logger, TimeProvider timeProvider, EmbedderFailures? failures = null)
{
    private VectorsInUse _inUse = VectorsInUse.None;
    private long _pausedUntilTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>How long messages are ranked with words alone after the embedder failed on one.</summary>
    public static TimeSpan QueryEmbeddingPause { get; } = TimeSpan.FromMinutes(1);

    public VectorsInUse InUse => Volatile.Read(ref _inUse);

    /// <summary>Ranks with vectors restored from a snapshot: the embedder that made them, and every unit's vector.</summary>
    public void Use(IEmbeddingGenerator<string, Embedding<float>> embedder, VectorIndex vectors)
    {
        if (vectors.Count != units.Count)
        {
            throw new InvalidDataException($"{vectors.Count} unit vectors for {units.Count} units");
        }

        Volatile.Write(ref _inUse, new VectorsInUse(embedder, vectors));
    }

    /// <summary>Embeds every unit and ranks with vectors from then on. When the embedder fails (refused, timeout,
    /// bad answer) it logs one line and ranking stays with words alone; it never throws.</summary>
    public async Task<bool> UseEmbedderAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _inUse, VectorsInUse.None);
        var count = units.Count;
        try
        {
            // published when complete: a search meanwhile ranks with words, not with half the vectors
            var vectors = await EmbedAsync(embedder, null, Range(0, count), cancellationToken);
            Volatile.Write(ref _inUse, new VectorsInUse(embedder, vectors));

            // units added while embedding
            if (vectors is not null && units.Count > count)
            {
                await EmbedAsync(embedder, vectors, Range(count, units.Count), cancellationToken);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.EmbedderUnavailable(count, LogMessages.Reason(e));
            failures?.Add(EmbedderFailures.Index);
            Volatile.Write(ref _inUse, VectorsInUse.None);
            return false;
        }
    }

    /// <summary>Embeds units added at run time; a failure leaves them to be found by their words.</summary>
    public async Task EmbedNewAsync(List<int> ids, CancellationToken cancellationToken)
    {
        var inUse = InUse;
        if (inUse.Embedder is null || ids.Count == 0)
        {
            return;
        }

        try
        {
            var vectors = await EmbedAsync(inUse.Embedder, inUse.Vectors, ids, cancellationToken);
            if (inUse.Vectors is null && vectors is not null)
            {
                // the first vectors of an index that had none (it started empty): publish them, unless another add
                // did meanwhile, in which case these units belong in that index
                var published = Interlocked.CompareExchange(ref _inUse, inUse with { Vectors = vectors }, inUse);
                if (!ReferenceEquals(published, inUse) && published.Vectors is { } other && ReferenceEquals(published.Embedder, inUse.Embedder))
                {
                    await EmbedAsync(inUse.Embedder, other, ids, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.EmbedderFailedOnNewUnits(ids.Count, LogMessages.Reason(e));
            failures?.Add(EmbedderFailures.NewUnits);
        }
    }

    /// <summary>The message's vector, or null: no vectors, a pause after a failure, or a failure now (which starts a
    /// pause: a service that is down would add its timeout to every message).</summary>
    public async Task<(float[]? Vector, VectorIndex? Vectors)> EmbedQueryAsync(Query query, CancellationToken cancellationToken)
    {
        var inUse = InUse;
        if (inUse.Embedder is not { } embedder || inUse.Vectors is not { } vectors || timeProvider.GetUtcNow().UtcTicks < Interlocked.Read(ref _pausedUntilTicks))
        {
            return (null, null);
        }

        try
        {
            // the offline embedder takes the message's analysis as it is; a remote one gets the text
            var vector = embedder.GetService<CorpusEmbeddingGenerator>() is { } corpus
                ? corpus.Embed(query.Terms)
                : (await embedder.GenerateAsync([query.Text], CachingEmbeddingGenerator.Uncached, cancellationToken))[0].Vector.ToArray();
            if (vector.Length == vectors.Dimensions)
            {
                return (vector, vectors);
            }

            logger.EmbeddingDimensionsChanged(vector.Length, vectors.Dimensions);
            return (null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _pausedUntilTicks, (timeProvider.GetUtcNow() + QueryEmbeddingPause).UtcTicks);
            logger.QueryEmbeddingFailed(LogMessages.Reason(e), QueryEmbeddingPause.TotalSeconds);
            failures?.Add(EmbedderFailures.Query);
            return (null, null);
        }
    }

    /// <summary>Embeds the units in batches into <paramref name="vectors"/> (made at the size of the first vector
    /// when null); throws when the embedder fails or answers with the wrong number or size of vectors.</summary>
    private async Task<VectorIndex?> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, VectorIndex? vectors, List<int> ids, CancellationToken cancellationToken)
    {
        var batch = Math.Max(1, options.OpenAI.BatchSize);
        var capacity = ids.Count == 0 ? 0 : ids.Max() + 1;
        for (var start = 0; start < ids.Count; start += batch)
        {
            var some = ids.GetRange(start, Math.Min(batch, ids.Count - start));
            var texts = some.Select(id => UnitSource.EmbeddingText(units[id])).ToList();
            var embeddings = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken);
            if (embeddings.Count != texts.Count)
            {
                throw new InvalidOperationException($"the embedder returned {embeddings.Count} embeddings for {texts.Count} texts");
            }

            for (var i = 0; i < some.Count; i++)
            {
                // Set refuses a vector of another size than the first: a model switched behind the endpoint
                vectors ??= new VectorIndex(embeddings[i].Vector.Length, capacity);
                vectors.Set(some[i], embeddings[i].Vector.Span);
            }
        }

        return vectors;
    }

    private static List<int> Range(int from, int to) => Enumerable.Range(from, Math.Max(0, to - from)).ToList();
}

/// <summary>What ranks with vectors now: the embedder and the vectors it made, replaced together, never changed in
/// place (the vector index itself takes new units under its own lock). No embedder: words alone. An embedder without
/// vectors: nothing was embedded yet (an empty index); the first units added set the size.</summary>
internal sealed record VectorsInUse(IEmbeddingGenerator<string, Embedding<float>>? Embedder, VectorIndex? Vectors)
{
    public static readonly VectorsInUse None = new(null, null);

    public bool IsOn => Embedder is not null && Vectors is not null;
}
