using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;
using SofaBot.Retrieval;

namespace SofaBot.Embeddings;

/// <summary>Embeddings from any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, DashScope, vLLM, TEI), behind
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. Written here because Microsoft.Extensions.AI.OpenAI is not
/// served by the package mirror; the OpenAI SDK does the HTTP.</summary>
/// <remarks>Answers are checked, not trusted: one embedding per text, all of the same size, and the size asked for.
/// A timeout or an error throws; the retriever then ranks with words alone.</remarks>
internal sealed class OpenAIEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingClient _client;
    private readonly OpenAIEmbedderOptions _options;

    public OpenAIEmbeddingGenerator(OpenAIEmbedderOptions options)
    {
        _options = options;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),

            // one retry: a service that is down must not hold up start-up for minutes before the lexical fallback
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
        };

        // local servers ignore the key but the SDK requires one
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey;
        _client = new EmbeddingClient(options.Model, new ApiKeyCredential(key), clientOptions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        if (texts.Count == 0)
        {
            return [];
        }

        var request = new OpenAI.Embeddings.EmbeddingGenerationOptions();
        if ((options?.Dimensions ?? _options.Dimensions) is int dimensions)
        {
            request.Dimensions = dimensions;
        }

        ClientResult<OpenAIEmbeddingCollection> result;
        try
        {
            result = await _client.GenerateEmbeddingsAsync(texts, request, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the embeddings endpoint {_options.Endpoint} answered with malformed JSON ({e.Message})", e);
        }

        var embeddings = result.Value.OrderBy(e => e.Index).Select(e => e.ToFloats()).ToList();
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"the embeddings endpoint returned {embeddings.Count} embeddings for {texts.Count} texts");
        }

        // FindIndex, not FirstOrDefault: the vectors are structs, and a struct's default (an empty vector) would
        // count as a mismatch found even when every vector is fine
        var size = request.Dimensions ?? embeddings[0].Length;
        var odd = embeddings.FindIndex(e => e.Length != size);
        if (odd >= 0)
        {
            throw new InvalidOperationException($"the embeddings endpoint returned a vector of {embeddings[odd].Length} dimensions where {size} were expected");
        }

        if (size == 0)
        {
            throw new InvalidOperationException("the embeddings endpoint returned empty vectors");
        }

        return new GeneratedEmbeddings<Embedding<float>>(embeddings.Select(e => new Embedding<float>(e) { ModelId = _options.Model }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("openai", new Uri(_options.Endpoint), _options.Model, _options.Dimensions)
        : null;

    public void Dispose()
    {
    }
}
