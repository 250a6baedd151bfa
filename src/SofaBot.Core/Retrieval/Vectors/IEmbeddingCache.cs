namespace SofaBot.Retrieval.Vectors;

/// <summary>Stored embeddings, keyed by model and a hash of the text, so a restart does not pay for them again.</summary>
public interface IEmbeddingCache
{
    /// <summary>The vectors found for the keys (missing keys are absent from the result).</summary>
    Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken);
}
