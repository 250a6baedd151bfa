using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using SofaBot.Corpus;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Embeddings;

/// <summary><c>Retrieval:Embedder = OpenAI</c>: any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, DashScope, vLLM,
/// TEI) through Microsoft.Extensions.AI's OpenAI adapter, its answers checked, behind the embedding cache.</summary>
/// <remarks>A timeout or an error throws; the retriever then ranks with words alone.</remarks>
internal sealed class OpenAIEmbedderProvider(IOptions<RetrievalOptions> options, IEmbeddingCache cache, ILogger<OpenAIEmbedderProvider> logger) : IEmbedderProvider
{
    public string Name => "OpenAI";

    public IEmbeddingGenerator<string, Embedding<float>> Create(KnowledgeBase knowledgeBase, Analyzer analyzer)
    {
        var openAi = options.Value.OpenAI;
        var client = new OpenAIClient(new ApiKeyCredential(Key(openAi)), new OpenAIClientOptions
        {
            Endpoint = new Uri(openAi.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(openAi.TimeoutSeconds),

            // one retry: a service that is down must not hold up start-up for minutes before the lexical fallback
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
        });
        var remote = client.GetEmbeddingClient(openAi.Model).AsIEmbeddingGenerator(openAi.Dimensions);

        // the cache key names the model and the size asked for: vectors of different models never mix
        var model = openAi.Dimensions is int d ? $"{openAi.Model}:{d}" : openAi.Model;
        return new CachingEmbeddingGenerator(new CheckedEmbeddingGenerator(remote, openAi.Endpoint, openAi.Dimensions), cache, model, openAi.BatchSize, logger);
    }

    // local servers ignore the key, but the SDK requires one
    private static string Key(OpenAIEmbedderOptions openAi) => string.IsNullOrWhiteSpace(openAi.ApiKey) ? "unused" : openAi.ApiKey;
}
