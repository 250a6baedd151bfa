using Microsoft.Extensions.Logging;
using Npgsql;
using SofaBot.Storage.Dialects;

namespace SofaBot.Storage;

/// <summary>The shared PostgreSQL store: one connection pool (<see cref="NpgsqlDataSource"/>) for the stores of a
/// replica, of at most <see cref="PostgresPoolSize"/> connections. Several replicas may start at once against one
/// database.</summary>
internal sealed partial class PostgresDatabase : StoreDatabase
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString, int maxPoolSize = PostgresStorageOptions.DefaultMaxPoolSize, ILogger? log = null)
        : this(PostgresPoolSize.Of(connectionString, maxPoolSize), log)
    {
    }

    private PostgresDatabase(PostgresPoolSize pool, ILogger? log)
        : this(NpgsqlDataSource.Create(pool.ConnectionString), pool, log)
    {
    }

    private PostgresDatabase(NpgsqlDataSource dataSource, PostgresPoolSize pool, ILogger? log)
        : base(dataSource, PostgresDialect.Instance)
    {
        _dataSource = dataSource;
        Pool = pool;
        if (log is not null)
        {
            LogPoolSize(log, pool.MaxPoolSize, pool.Source);
        }
    }

    public PostgresPoolSize Pool { get; }

    /// <summary>The connection string the pool was made with, as Npgsql holds it (without the password).</summary>
    public string ConnectionString => _dataSource.ConnectionString;

    [LoggerMessage(3601, LogLevel.Information, "PostgreSQL: this replica opens at most {MaxPoolSize} connections ({Source}); keep replicas × pool + other clients ≤ max_connections − 3")]
    private static partial void LogPoolSize(ILogger log, int maxPoolSize, string source);
}
