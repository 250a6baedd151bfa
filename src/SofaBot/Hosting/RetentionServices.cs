using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Hosting;

/// <summary>Registers the retention sweep (issue 12): its settings' checks, the sweep on the configured database,
/// and the hosted service that runs it.</summary>
internal static class RetentionServices
{
    public static IServiceCollection AddSofaBotRetention(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, RetentionSettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReviewOptions>, RetentionSettingsValidator>());
        services.TryAddSingleton<RetentionSweep>(sp => StorageOptionsValidator.IsPostgres(sp.GetRequiredService<IOptions<StorageOptions>>().Value)
            ? new PostgresRetentionSweep(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteRetentionSweep(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services;
    }
}
