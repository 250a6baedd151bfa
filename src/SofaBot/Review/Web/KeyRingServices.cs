using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SofaBot.Storage;

namespace SofaBot.Review.Web;

/// <summary>Data protection for the review page (sign-in cookie, antiforgery tokens) with its keys in the state
/// store, encrypted, under one application name: a cookie one replica issued is good on every other.</summary>
internal static class KeyRingServices
{
    /// <summary>The file holding the secret a single SQLite host makes for itself when none is configured.</summary>
    public const string SecretFileName = "keyring.secret";

    public static IServiceCollection AddReviewKeyRing(this IServiceCollection services)
    {
        // without a fixed name, the key ring is scoped to the content root's path, which differs between replicas
        services.AddDataProtection().SetApplicationName("SofaBot");
        services.AddSingleton(Secret);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new KeyRingStore(Database(sp), TimeProvider.System);
            o.XmlEncryptor = new KeyRingEncryptor(sp.GetRequiredService<KeyRingSecret>());
        }));
        return services;
    }

    private static StoreDatabase Database(IServiceProvider services) =>
        StorageOptionsValidator.IsPostgres(services.GetRequiredService<IOptions<StorageOptions>>().Value)
            ? services.GetRequiredService<PostgresDatabase>()
            : services.GetRequiredService<SqliteDatabase>();

    /// <summary><c>Review:KeyRingSecret</c>; on SQLite without one, a random secret kept beside the database file
    /// (one host: nothing to share). PostgreSQL without one is refused at start (<see cref="ReviewOptionsValidator"/>).</summary>
    private static KeyRingSecret Secret(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<ReviewOptions>>().Value.KeyRingSecret is { Length: > 0 } configured)
        {
            return new KeyRingSecret(configured);
        }

        var database = new SqliteConnectionStringBuilder(services.GetRequiredService<SqliteDatabase>().ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(database)) ?? Directory.GetCurrentDirectory();
        return new KeyRingSecret(LocalSecret(Path.Combine(folder, SecretFileName)));
    }

    /// <summary>The secret in the file, made (readable by this user alone) when missing.</summary>
    private static string LocalSecret(string file)
    {
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(file, System.Text.Encoding.ASCII, options);
            writer.Write(secret);
            return secret;
        }
        catch (IOException) when (File.Exists(file))
        {
            // another process on the same file made it first: use theirs
            return File.ReadAllText(file).Trim();
        }
    }
}
