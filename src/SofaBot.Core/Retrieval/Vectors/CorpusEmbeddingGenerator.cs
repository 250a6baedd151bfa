using Microsoft.Extensions.AI;
using SofaBot.Retrieval.Text;

namespace SofaBot.Retrieval.Vectors;

/// <summary>The offline default embedder: latent semantic analysis of the corpus itself, behind the standard
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> abstraction so a remote model can take its place.</summary>
/// <remarks>Needs no model file and no network, and gives the same vectors on every machine. Text goes through the
/// same analysis as queries (project aliases and synonyms expanded), so "jraft" and "SOFAJRaft" embed alike.</remarks>
public sealed class CorpusEmbeddingGenerator(LsaModel model, Analyzer analyzer) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "sofabot-corpus-lsa";

    public int Dimensions => model.Dimensions;

    /// <summary>Trains the model on the unit texts of the corpus (question and answer of every turn).</summary>
    public static CorpusEmbeddingGenerator Train(IEnumerable<string> unitTexts, Analyzer analyzer, int dimensions)
    {
        var documents = unitTexts.Select(t => (IReadOnlyList<string>)Tokenizer.Tokenize(t)).ToList();
        return new CorpusEmbeddingGenerator(LsaModel.Train(documents, dimensions), analyzer);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = values
            .Select(text => new Embedding<float>(model.Embed(analyzer.Terms(text))) { ModelId = ModelId })
            .ToList();
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("sofabot-corpus", null, ModelId, model.Dimensions)
        : null;

    public void Dispose()
    {
    }
}
