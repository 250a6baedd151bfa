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

    private const int ParallelBatch = 16;

    public int Dimensions => model.Dimensions;

    /// <summary>The trained model, which the index snapshot keeps.</summary>
    internal LsaModel Model => model;

    /// <summary>Trains the model on the unit texts of the corpus (question and answer of every turn).</summary>
    public static CorpusEmbeddingGenerator Train(IEnumerable<string> unitTexts, Analyzer analyzer, int dimensions)
    {
        // only the units the model trains on are tokenized: at 50,000 pairs tokenizing them all would cost
        // seconds and hundreds of megabytes for nothing
        var documents = unitTexts.Take(LsaModel.MaxTrainingUnits).Select(t => (IReadOnlyList<string>)Tokenizer.Tokenize(t)).ToList();
        return new CorpusEmbeddingGenerator(LsaModel.Train(documents, dimensions), analyzer);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var embeddings = new Embedding<float>[texts.Count];
        if (texts.Count < ParallelBatch)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                embeddings[i] = Embed(texts[i]);
            }
        }
        else
        {
            // the units at start-up: analysing text is most of the cost, and texts are independent
            Parallel.For(0, texts.Count, i => embeddings[i] = Embed(texts[i]));
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    /// <summary>The vector of text already analysed (a message's <see cref="Query.Terms"/>): the query path does not
    /// analyse a message twice.</summary>
    public float[] Embed(IReadOnlyList<(string Term, float Weight)> terms) => model.Embed(terms);

    private Embedding<float> Embed(string text) => new(model.Embed(analyzer.Terms(text))) { ModelId = ModelId };

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("sofabot-corpus", null, ModelId, model.Dimensions)
        : null;

    public void Dispose()
    {
    }
}
