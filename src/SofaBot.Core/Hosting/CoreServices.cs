using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SofaBot.Corpus;
using SofaBot.Corpus.Loading;
using SofaBot.Answering;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Hosting;

/// <summary>Registers SofaBot's core services: options (validated at start), the project map, the corpus, the
/// index builder and the built-in embedders.</summary>
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
        services.TryAddSingleton<KnowledgeIndexBuilder>();

        // the knowledge base is read once, on first use, from Corpus:Path (relative to the content root)
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CorpusOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return sp.GetRequiredService<CorpusLoader>().Load(Path.Combine(root, options.Path), options.MaxFileBytes);
        });
        return services;
    }
}
