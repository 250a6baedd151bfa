using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Embeddings;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Vectors;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Hosting;

/// <summary>Registers what the host adds to the core: the state store and the review store (SQLite or PostgreSQL, by
/// <c>Storage:Provider</c>, in one file or database) and the remote embedder.</summary>
internal static class HostServices
{
    public static IServiceCollection AddSofaBotAdapters(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        // both databases are created only when resolved, so only the configured one is ever opened
        services.TryAddSingleton(sp => SqliteDatabase.ForContentRoot(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite.ConnectionString,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton(sp =>
        {
            var postgres = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Postgres;
            return new PostgresDatabase(postgres.ConnectionString!, postgres.MaxPoolSize, sp.GetService<ILoggerFactory>()?.CreateLogger<PostgresDatabase>());
        });
        services.TryAddSingleton<IStateStore>(sp => StorageOptionsValidator.IsPostgres(sp.GetRequiredService<IOptions<StorageOptions>>().Value)
            ? new PostgresStateStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteStateStore(sp.GetRequiredService<SqliteDatabase>()));
        // the embedding cache is part of the state: the same store, the same file or database
        services.TryAddSingleton<IEmbeddingCache>(sp => sp.GetRequiredService<IStateStore>());
        // so are the review queue, feedback and what was learned: the same provider, the same database singleton
        services.TryAddSingleton<IReviewStore>(sp => StorageOptionsValidator.IsPostgres(sp.GetRequiredService<IOptions<StorageOptions>>().Value)
            ? new PostgresReviewStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteReviewStore(sp.GetRequiredService<SqliteDatabase>()));
        // and the decision log, which follow-ups and calibration read
        services.TryAddSingleton<IDecisionLog>(sp => StorageOptionsValidator.IsPostgres(sp.GetRequiredService<IOptions<StorageOptions>>().Value)
            ? new PostgresDecisionLog(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteDecisionLog(sp.GetRequiredService<SqliteDatabase>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmbedderProvider, OpenAIEmbedderProvider>());
        // what is wrong in data/calibration.json is reported with the other bad settings
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnsweringOptions>, CalibrationFileValidator>());
        return services;
    }
}
