using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Corpus;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Tests.Fixtures;

/// <summary>Indexes corpora the way the program does (the real builder, the offline embedder, the Retrieval and
/// Answering sections of the repository's appsettings.json).</summary>
public static class TestIndex
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder().AddJsonFile(TestPaths.AppSettings).Build();

    private static readonly Lazy<Task<KnowledgeIndex>> BundledIndex = new(() => BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus)));

    private static readonly Lazy<Task<KnowledgeIndex>> FullIndex = new(() => BuildAsync(TestCorpus.FullCorpus));

    /// <summary>A fresh copy of the shipped Retrieval section.</summary>
    public static RetrievalOptions RetrievalOptions() =>
        Configuration.GetSection(SofaBot.Retrieval.RetrievalOptions.SectionName).Get<RetrievalOptions>() ?? new RetrievalOptions();

    /// <summary>A fresh copy of the shipped Answering section.</summary>
    public static AnsweringOptions AnsweringOptions() =>
        Configuration.GetSection(SofaBot.Answering.AnsweringOptions.SectionName).Get<AnsweringOptions>() ?? new AnsweringOptions();

    /// <summary>The bundled sample corpus, indexed once for the tests that only read it.</summary>
    public static Task<KnowledgeIndex> Bundled => BundledIndex.Value;

    /// <summary>The full corpus, indexed once for the tests that only read it.</summary>
    public static Task<KnowledgeIndex> Full => FullIndex.Value;

    public static Task<KnowledgeIndex> BuildAsync(KnowledgeBase knowledgeBase, RetrievalOptions? retrieval = null, ILoggerFactory? logs = null, AnsweringOptions? answering = null)
    {
        var options = Options.Create(retrieval ?? RetrievalOptions());
        var builder = new KnowledgeIndexBuilder(
            TestCorpus.Catalog,
            options,
            Options.Create(answering ?? AnsweringOptions()),
            [new CorpusEmbedderProvider(options), new NoEmbedderProvider()],
            (logs ?? NullLoggerFactory.Instance).CreateLogger<KnowledgeIndexBuilder>());
        return builder.BuildAsync(knowledgeBase);
    }
}
