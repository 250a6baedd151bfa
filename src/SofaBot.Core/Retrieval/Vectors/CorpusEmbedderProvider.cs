using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SofaBot.Corpus;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Units;

namespace SofaBot.Retrieval.Vectors;

/// <summary><c>Retrieval:Embedder = Corpus</c>: the offline default, trained on the knowledge base at start-up.</summary>
public sealed class CorpusEmbedderProvider(IOptions<RetrievalOptions> options) : IEmbedderProvider
{
    public string Name => "Corpus";

    public IEmbeddingGenerator<string, Embedding<float>> Create(KnowledgeBase knowledgeBase, Analyzer analyzer) =>
        CorpusEmbeddingGenerator.Train(UnitSource.TrainingTexts(knowledgeBase.Pairs), analyzer, options.Value.CorpusDimensions);
}

/// <summary><c>Retrieval:Embedder = None</c>: lexical retrieval only.</summary>
public sealed class NoEmbedderProvider : IEmbedderProvider
{
    public string Name => "None";

    public IEmbeddingGenerator<string, Embedding<float>>? Create(KnowledgeBase knowledgeBase, Analyzer analyzer) => null;
}
