using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Corpus;
using SofaBot.Diagnostics;
using SofaBot.Projects;
using SofaBot.Retrieval.Snapshot;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Retrieval;

/// <summary>Indexes a knowledge base: the lexical index, then vectors from the configured embedder. Or puts an index
/// restored from a snapshot back together.</summary>
/// <param name="embedderFailures">Counts the embedder's failures (null where nothing reads the count).</param>
public sealed class KnowledgeIndexBuilder(
    ProjectCatalog catalog,
    IOptions<RetrievalOptions> retrieval,
    IOptions<AnsweringOptions> answering,
    IEnumerable<IEmbedderProvider> providers,
    ILogger<KnowledgeIndexBuilder> logger,
    EmbedderFailures? embedderFailures = null)
{
    public async Task<KnowledgeIndex> BuildAsync(KnowledgeBase knowledgeBase, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var options = retrieval.Value;
        var retriever = new QaRetriever(catalog, new Synonyms(options.WordGroups), options, logger, embedderFailures: embedderFailures);
        var provider = Provider();

        // the offline embedder trains while the words are indexed: the two share nothing but the input
        var creating = Task.Run(() => provider.Create(knowledgeBase, retriever.Analyzer), cancellationToken);
        retriever.Add(knowledgeBase.Pairs);
        var embedder = await creating;
        var vectors = await UseEmbedderAsync(retriever, provider, embedder, cancellationToken);
        logger.Indexed(retriever.Count, knowledgeBase.Pairs.Count, clock.Elapsed.TotalMilliseconds, vectors);
        return Index(knowledgeBase, retriever);
    }

    /// <summary>The index a snapshot holds, ready to answer as a built one is. Vectors of the offline embedder come
    /// from the snapshot; a remote embedder's are fetched as after a build (through its own cache).</summary>
    /// <exception cref="InvalidDataException">The snapshot's parts do not fit together.</exception>
    internal async Task<KnowledgeIndex> RestoreAsync(IndexSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var options = retrieval.Value;
        var retriever = new QaRetriever(catalog, new Synonyms(options.WordGroups), options, logger, snapshot.Lexical, snapshot.Cohesion, embedderFailures: embedderFailures);
        retriever.RestoreUnits(snapshot.KnowledgeBase.Pairs);
        var provider = Provider();
        if (snapshot.CorpusModel is { } model)
        {
            var embedder = new CorpusEmbeddingGenerator(model, retriever.Analyzer);
            if (snapshot.Vectors is { } vectors)
            {
                retriever.UseVectors(embedder, vectors);
            }
            else
            {
                // no units to embed (an empty corpus): vectors start with the first learned pair
                await retriever.UseEmbedderAsync(embedder, cancellationToken);
            }
        }
        else
        {
            await UseEmbedderAsync(retriever, provider, provider.Create(snapshot.KnowledgeBase, retriever.Analyzer), cancellationToken);
        }

        return Index(snapshot.KnowledgeBase, retriever);
    }

    private IEmbedderProvider Provider()
    {
        var options = retrieval.Value;
        return providers.FirstOrDefault(p => string.Equals(p.Name, options.Embedder, StringComparison.OrdinalIgnoreCase))
            ?? throw new OptionsValidationException(RetrievalOptions.SectionName, typeof(RetrievalOptions),
                [$"{RetrievalOptions.SectionName}:Embedder is \"{options.Embedder}\"; use one of: {string.Join(", ", providers.Select(p => p.Name))}"]);
    }

    /// <summary>Embeds the units; returns what the vectors are, for the log line.</summary>
    private static async Task<string> UseEmbedderAsync(QaRetriever retriever, IEmbedderProvider provider, IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken cancellationToken) =>
        embedder is null ? "off"
        : await retriever.UseEmbedderAsync(embedder, cancellationToken) ? provider.Name
        : $"{provider.Name} unavailable, lexical only";

    private KnowledgeIndex Index(KnowledgeBase knowledgeBase, QaRetriever retriever) =>
        new(knowledgeBase, retriever, new AnswerDecider(retriever, answering.Value), logger);
}
