using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Corpus;
using SofaBot.Corpus.Loading;
using SofaBot.Answering;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Snapshot;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Hosting;

/// <summary>Registers SofaBot's core services: options (validated at start), the project map, the corpus, the
/// index builder and loader (with its snapshot) and the built-in embedders.</summary>
public static class CoreServices
{
    public static IServiceCollection AddSofaBotCore(this IServiceCollection services)
    {
        services.AddOptions<CorpusOptions>().BindConfiguration(CorpusOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CorpusOptions>, CorpusOptionsValidator>());
        services.AddOptions<ProjectsOptions>().BindConfiguration(ProjectsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProjectsOptions>, ProjectsOptionsValidator>());

        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetrievalOptions>, RetrievalOptionsValidator>());
        services.AddOptions<AnsweringOptions>().BindConfiguration(AnsweringOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnsweringOptions>, AnsweringOptionsValidator>());

        services.TryAddSingleton(sp => ProjectsOptionsValidator.CreateCatalog(sp.GetRequiredService<IOptions<ProjectsOptions>>().Value));
        services.TryAddSingleton<CorpusLoader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmbedderProvider, CorpusEmbedderProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmbedderProvider, NoEmbedderProvider>());
        // the embedder's failures are counted on the SofaBot meter; the host exports it (or not)
        services.AddMetrics();
        services.TryAddSingleton<EmbedderFailures>();
        services.TryAddSingleton<KnowledgeIndexBuilder>();

        // the knowledge base is read once, on first use, from Corpus:Path (relative to the content root): for the corpus
        // verbs and bench; the index loader below reads the corpus itself, and not at all when its snapshot is current
        services.TryAddSingleton(sp => sp.GetRequiredService<CorpusLoader>().Load(CorpusPath(sp), sp.GetRequiredService<IOptions<CorpusOptions>>().Value.MaxFileBytes));

        // the index the verbs that answer and the bot use: from the snapshot in Retrieval:Snapshot:Folder (relative to
        // the content root, like the SQLite store) when it is current, else built from the corpus
        services.TryAddSingleton(sp =>
        {
            var retrieval = sp.GetRequiredService<IOptions<RetrievalOptions>>().Value;
            var snapshots = retrieval.Snapshot.Enabled
                ? new IndexSnapshotStore(
                    Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, retrieval.Snapshot.Folder),
                    sp.GetRequiredService<IOptions<ProjectsOptions>>().Value,
                    retrieval,
                    sp.GetRequiredService<ILogger<IndexSnapshotStore>>())
                : null;
            return new KnowledgeIndexLoader(
                sp.GetRequiredService<CorpusLoader>(),
                sp.GetRequiredService<KnowledgeIndexBuilder>(),
                CorpusPath(sp),
                sp.GetRequiredService<IOptions<CorpusOptions>>().Value.MaxFileBytes,
                snapshots,
                sp.GetRequiredService<ILogger<KnowledgeIndexLoader>>());
        });
        return services;
    }

    private static string CorpusPath(IServiceProvider services) =>
        Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, services.GetRequiredService<IOptions<CorpusOptions>>().Value.Path);
}
