using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Corpus;
using SofaBot.Diagnostics;
using SofaBot.Projects;
using SofaBot.Retrieval.Text;

namespace SofaBot.Retrieval;

/// <summary>Indexes a knowledge base: the lexical index, then vectors from the configured embedder.</summary>
public sealed class KnowledgeIndexBuilder(
    ProjectCatalog catalog,
    IOptions<RetrievalOptions> retrieval,
    IOptions<AnsweringOptions> answering,
    IEnumerable<IEmbedderProvider> providers,
    ILogger<KnowledgeIndexBuilder> logger)
{
    public async Task<KnowledgeIndex> BuildAsync(KnowledgeBase knowledgeBase, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var options = retrieval.Value;
        var retriever = new QaRetriever(catalog, new Synonyms(options.Synonyms), options, logger);
        var provider = providers.FirstOrDefault(p => string.Equals(p.Name, options.Embedder, StringComparison.OrdinalIgnoreCase))
            ?? throw new OptionsValidationException(RetrievalOptions.SectionName, typeof(RetrievalOptions),
                [$"{RetrievalOptions.SectionName}:Embedder is \"{options.Embedder}\"; use one of: {string.Join(", ", providers.Select(p => p.Name))}"]);

        // the offline embedder trains while the words are indexed: the two share nothing but the input
        var creating = Task.Run(() => provider.Create(knowledgeBase, retriever.Analyzer), cancellationToken);
        retriever.Add(knowledgeBase.Pairs);
        var embedder = await creating;
        var vectors = "off";
        if (embedder is not null)
        {
            vectors = await retriever.UseEmbedderAsync(embedder, cancellationToken) ? provider.Name : $"{provider.Name} unavailable, lexical only";
        }

        logger.Indexed(retriever.Count, knowledgeBase.Pairs.Count, clock.Elapsed.TotalMilliseconds, vectors);
        return new KnowledgeIndex(knowledgeBase, retriever, new AnswerDecider(retriever, answering.Value), logger);
    }
}
