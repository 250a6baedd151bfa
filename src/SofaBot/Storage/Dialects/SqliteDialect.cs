using System.Data;
using System.Data.Common;
using System.Globalization;
using SofaBot.Storage.Migrations;

namespace SofaBot.Storage.Dialects;

/// <summary>SQLite, the embedded default: one writer at a time on the file, times as text.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    // microseconds, like PostgreSQL's timestamptz, so both stores give back the same instants; fixed width so that
    // comparing the text compares the times (the releases before versioning wrote the same)
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private SqliteDialect()
    {
    }

    public override string Name => "SQLite";

    public override string TimeType => "TEXT";

    public override IReadOnlyList<SchemaStep> Steps => SqliteSchema.Steps;

    // one statement holds the file's write lock from the choice to the update, so two callers never take the same rows
    public override string ClaimUnfinishedSql => """
        UPDATE messages SET claimed_at = @now
        WHERE rowid IN (
            SELECT rowid FROM messages
            WHERE finished_at IS NULL AND claimed_at < @stale
            ORDER BY received_at, rowid
            LIMIT @max)
        RETURNING channel, chat_id, message_id, payload, received_at
        """;

    public override string EmbeddingCreatedColumn => "created_utc";

    public override string BeforeStepsSql => "PRAGMA journal_mode = WAL";

    public override string TableExistsSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table";

    protected override DbType TimeDbType => DbType.String;

    // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE: the transaction already holds the write lock
    public override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task LockNameAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken) => Task.CompletedTask;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    protected override object ToDatabase(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
