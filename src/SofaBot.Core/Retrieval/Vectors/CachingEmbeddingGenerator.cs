using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SofaBot.Diagnostics;

namespace SofaBot.Retrieval.Vectors;

/// <summary>Puts an <see cref="IEmbeddingCache"/> in front of a (remote, paid, slow) embedder, and sends what is
/// missing in batches.</summary>
/// <remarks>A cache that fails (disk full, locked file) is logged once and bypassed until it works again:
/// embeddings still come from the embedder. An embedder that fails throws, and the retriever falls back to lexical
/// ranking. Messages are not cached (<see cref="Uncached"/>): they rarely repeat, and a chat's messages would
/// otherwise pile up in the store for ever.</remarks>
public sealed class CachingEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> inner,
    IEmbeddingCache cache,
    string model,
    int batchSize,
    ILogger logger) : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string UncachedKey = "sofabot.uncached";

    private int _cacheFailing;

    /// <summary>Options that send the texts to the embedder without reading or writing the cache.</summary>
    public static EmbeddingGenerationOptions Uncached { get; } = new() { AdditionalProperties = new() { [UncachedKey] = true } };

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.AdditionalProperties?.ContainsKey(UncachedKey) == true)
        {
            return await inner.GenerateAsync(values, options: null, cancellationToken);
        }

        var texts = values.ToList();
        var keys = texts.Select(Key).ToList();
        var found = await TryGetAsync(keys, cancellationToken);
        var missing = Enumerable.Range(0, texts.Count).Where(i => !found.ContainsKey(keys[i])).ToList();
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var batch in missing.Chunk(Math.Max(1, batchSize)))
        {
            var embeddings = await inner.GenerateAsync(batch.Select(i => texts[i]).ToList(), options, cancellationToken);
            if (embeddings.Count != batch.Length)
            {
                throw new InvalidOperationException($"the embedder returned {embeddings.Count} embeddings for {batch.Length} texts");
            }

            var items = batch.Select((i, j) => (keys[i], embeddings[j].Vector.ToArray())).ToList();
            foreach (var (key, vector) in items)
            {
                fresh[key] = vector;
            }

            await TryPutAsync(items, cancellationToken);
        }

        return new GeneratedEmbeddings<Embedding<float>>(keys.Select(k => new Embedding<float>(found.TryGetValue(k, out var v) ? v : fresh[k]) { ModelId = model }));
    }

    /// <summary>The model name the cache keys this embedder's vectors by (the retention sweep keeps only these).</summary>
    public string Model => model;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);

    public void Dispose() => inner.Dispose();

    /// <summary>SHA-256 of the text, hex: the cache key next to the model name.</summary>
    public static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<IReadOnlyDictionary<string, float[]>> TryGetAsync(List<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            var found = await cache.GetAsync(model, keys.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
            CacheWorks();
            return found;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CacheFailed(e);
            return new Dictionary<string, float[]>();
        }
    }

    private async Task TryPutAsync(IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken)
    {
        try
        {
            await cache.PutAsync(model, items, cancellationToken);
            CacheWorks();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CacheFailed(e);
        }
    }

    // one warning when the cache breaks, one line when it works again: not a warning per batch and per message
    private void CacheFailed(Exception e)
    {
        if (Interlocked.Exchange(ref _cacheFailing, 1) == 0)
        {
            logger.EmbeddingCacheFailed(LogMessages.Reason(e));
        }
    }

    private void CacheWorks()
    {
        if (Interlocked.Exchange(ref _cacheFailing, 0) == 1)
        {
            logger.EmbeddingCacheRecovered();
        }
    }
}
