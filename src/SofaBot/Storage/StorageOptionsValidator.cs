using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SofaBot.Storage;

/// <summary>Checks <c>Storage</c> at start-up; messages name the key, and never repeat a connection string (it may
/// hold a password).</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private const string Section = StorageOptions.SectionName;

    public static bool IsPostgres(StorageOptions options) => string.Equals(options.Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (IsPostgres(options))
        {
            return ValidatePostgres(options.Postgres.ConnectionString, options.Postgres.MaxPoolSize);
        }

        return string.Equals(options.Provider, Sqlite, StringComparison.OrdinalIgnoreCase)
            ? ValidateSqlite(options.Sqlite.ConnectionString)
            : ValidateOptionsResult.Fail($"{Section}:Provider is \"{options.Provider}\"; use one of: {Sqlite}, {Postgres}");
    }

    private static ValidateOptionsResult ValidateSqlite(string connectionString)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(connectionString)
                ? ValidateOptionsResult.Fail($"{Section}:Sqlite:ConnectionString is empty (for example \"Data Source=data/sofabot.db\")")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"{Section}:Sqlite:ConnectionString is not a SQLite connection string: {e.Message}");
        }
    }

    private static ValidateOptionsResult ValidatePostgres(string? connectionString, int maxPoolSize)
    {
        const string PoolKey = $"{Section}:Postgres:MaxPoolSize";
        if (maxPoolSize is < 1 or > PostgresStorageOptions.MaxPoolSizeLimit)
        {
            return ValidateOptionsResult.Fail($"{PoolKey} is {maxPoolSize}; use 1 to {PostgresStorageOptions.MaxPoolSizeLimit} connections per replica, with replicas × pool + other clients ≤ PostgreSQL's max_connections − 3 (default {PostgresStorageOptions.DefaultMaxPoolSize})");
        }

        const string Key = $"{Section}:Postgres:ConnectionString";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail($"{Key} is empty; {Section}:Provider {Postgres} needs it, for example \"Host=db.internal;Database=sofabot;Username=sofabot;Password=...\" set through the environment (Storage__Postgres__ConnectionString)");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // Npgsql's own message names the key it could not set (or the position it could not read), never the
            // value; its inner exception does quote the value, which may be the password, so it is left out
            return ValidateOptionsResult.Fail($"{Key} is not an Npgsql connection string (\"Host=...;Database=...;Username=...\"): {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return ValidateOptionsResult.Fail($"{Key} names no Host (the PostgreSQL server, for example \"Host=db.internal\")");
        }

        // a Minimum Pool Size above the maximum would fail at the first query instead of here
        var pool = PostgresPoolSize.Of(connectionString, maxPoolSize);
        return builder.MinPoolSize > pool.MaxPoolSize
            ? ValidateOptionsResult.Fail($"{Key} sets Minimum Pool Size {builder.MinPoolSize}, above the pool's maximum {pool.MaxPoolSize} ({pool.Source})")
            : ValidateOptionsResult.Success;
    }
}
