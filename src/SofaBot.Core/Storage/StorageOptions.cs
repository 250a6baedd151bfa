namespace SofaBot.Storage;

/// <summary>The <c>Storage</c> section: where SofaBot keeps its state (received messages, stream cursors, the
/// embedding cache).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (embedded default, one machine) or <c>Postgres</c> (several replicas sharing one
    /// database).</summary>
    public string Provider { get; set; } = "Sqlite";

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public PostgresStorageOptions Postgres { get; set; } = new();

    /// <summary>Finished messages (replied, skipped, failed) are deleted this many days after they finished; pending
    /// ones never. 0 keeps them for ever.</summary>
    public int RetainMessagesDays { get; set; } = 30;

    /// <summary>The retention sweep runs at start and then every this many hours; 0 turns it off.</summary>
    public int RetentionSweepHours { get; set; } = 6;
}

public sealed class SqliteStorageOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string; a relative file is relative to the content root, and its
    /// folder is created on first use.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/sofabot.db";
}

public sealed class PostgresStorageOptions
{
    /// <summary>20: four replicas (80) fit PostgreSQL's default 100 with room for migrations, backups and psql.</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>Npgsql refuses larger pools.</summary>
    public const int MaxPoolSizeLimit = 1024;

    /// <summary>An Npgsql connection string naming at least the Host; no default. It carries the password, so set it
    /// through the environment (<c>Storage__Postgres__ConnectionString</c>), not in a file.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The most connections this replica's pool opens (Npgsql's <c>Maximum Pool Size</c>, which the connection
    /// string may set instead and then wins). Npgsql's own default of 100 lets two replicas take all of PostgreSQL's
    /// default <c>max_connections</c> (100): keep replicas × this + other clients ≤ max_connections − 3 (the
    /// connections reserved for superusers).</summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;
}
