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
}

public sealed class SqliteStorageOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string; a relative file is relative to the content root, and its
    /// folder is created on first use.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/sofabot.db";
}

public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string naming at least the Host; no default. It carries the password, so set it
    /// through the environment (<c>Storage__Postgres__ConnectionString</c>), not in a file.</summary>
    public string? ConnectionString { get; set; }
}
