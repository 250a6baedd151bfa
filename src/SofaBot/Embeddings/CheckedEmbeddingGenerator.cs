using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SofaBot.Embeddings;

/// <summary>Checks what a remote embedder answers before the index takes it: one vector per text, all of the size
/// asked for, none empty. Every failure names the endpoint, so the warning that ranking fell back to words says which
/// service to look at.</summary>
/// <remarks>The OpenAI adapter of Microsoft.Extensions.AI trusts the service; an OpenAI-compatible server (Ollama,
/// vLLM, TEI) that drops an input or ignores <c>dimensions</c> would otherwise put vectors in the wrong slots or of
/// the wrong size into the index.</remarks>
internal sealed class CheckedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string endpoint, int? dimensions)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        if (texts.Count == 0)
        {
            // the service would refuse an empty input with a 400: nothing to ask
            return [];
        }

        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await base.GenerateAsync(texts, options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the embeddings endpoint {endpoint} answered with malformed JSON ({e.Message})", e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // refused, timed out, HTTP 4xx/5xx: the SDK's message says what, this says where
            throw new InvalidOperationException($"the embeddings endpoint {endpoint} failed", e);
        }

        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"the embeddings endpoint {endpoint} returned {embeddings.Count} embeddings for {texts.Count} texts");
        }

        var size = options?.Dimensions ?? dimensions ?? embeddings[0].Vector.Length;
        if (embeddings.FirstOrDefault(e => e.Vector.Length != size) is { } odd)
        {
            throw new InvalidOperationException($"the embeddings endpoint {endpoint} returned a vector of {odd.Vector.Length} dimensions where {size} were expected");
        }

        if (size == 0)
        {
            throw new InvalidOperationException($"the embeddings endpoint {endpoint} returned empty vectors");
        }

        return embeddings;
    }
}
