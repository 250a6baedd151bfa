using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Corpus;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Embeddings;

/// <summary><c>Retrieval:Embedder = OpenAI</c>: a remote embedder behind the embedding cache.</summary>
internal sealed class OpenAIEmbedderProvider(IOptions<RetrievalOptions> options, IEmbeddingCache cache, ILogger<OpenAIEmbedderProvider> logger) : IEmbedderProvider
{
    public string Name => "OpenAI";

    public IEmbeddingGenerator<string, Embedding<float>> Create(KnowledgeBase knowledgeBase, Analyzer analyzer)
    {
        var openAi = options.Value.OpenAI;

        // the cache key names the model and the size asked for: vectors of different models never mix
        var model = openAi.Dimensions is int d ? $"{openAi.Model}:{d}" : openAi.Model;
        return new CachingEmbeddingGenerator(new OpenAIEmbeddingGenerator(openAi), cache, model, openAi.BatchSize, logger);
    }
}
