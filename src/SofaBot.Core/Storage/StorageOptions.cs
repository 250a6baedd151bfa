namespace SofaBot.Storage;

/// <summary>The <c>Storage</c> section: where SofaBot keeps its state (the embedding cache now; processed
/// messages and reviews as the bot grows).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (embedded default).</summary>
    public string Provider { get; set; } = "Sqlite";

    public SqliteStorageOptions Sqlite { get; set; } = new();
}

public sealed class SqliteStorageOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string; a relative file is relative to the content root, and its
    /// folder is created on first use.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/sofabot.db";
}
