using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SofaBot.Embeddings;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Vectors;
using SofaBot.Storage;

namespace SofaBot.Hosting;

/// <summary>Registers what the host adds to the core: the SQLite store and the remote embedder.</summary>
internal static class HostServices
{
    public static IServiceCollection AddSofaBotAdapters(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(sp => SqliteDatabase.ForContentRoot(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite.ConnectionString,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton<IEmbeddingCache, SqliteEmbeddingCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmbedderProvider, OpenAIEmbedderProvider>());
        return services;
    }
}
