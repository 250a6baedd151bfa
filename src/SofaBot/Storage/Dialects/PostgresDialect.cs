using System.Data;
using System.Data.Common;
using SofaBot.Storage.Migrations;

namespace SofaBot.Storage.Dialects;

/// <summary>PostgreSQL, for several replicas sharing one database: row locks, timestamptz.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    // any constant works as long as every SofaBot replica uses the same one (the releases before versioning used
    // this one too): it serializes schema changes, as concurrent CREATE TABLE IF NOT EXISTS can still fail on
    // PostgreSQL's catalog; "SofaBot" in ASCII
    private const long SchemaLock = 0x536F_6661_426F_74;

    private PostgresDialect()
    {
    }

    public override string Name => "PostgreSQL";

    public override string TimeType => "timestamptz";

    public override IReadOnlyList<SchemaStep> Steps => PostgresSchema.Steps;

    // SKIP LOCKED: replicas resuming at the same moment split the unfinished messages between them instead of
    // waiting on, or doubling, each other
    public override string ClaimUnfinishedSql => """
        WITH picked AS (
            SELECT channel, chat_id, message_id FROM messages
            WHERE finished_at IS NULL AND claimed_at < @stale
            ORDER BY received_at, channel, chat_id, message_id
            LIMIT @max
            FOR UPDATE SKIP LOCKED)
        UPDATE messages m SET claimed_at = @now
        FROM picked p
        WHERE m.channel = p.channel AND m.chat_id = p.chat_id AND m.message_id = p.message_id
        RETURNING m.channel, m.chat_id, m.message_id, m.payload, m.received_at
        """;

    public override string EmbeddingCreatedColumn => "created_at";

    public override string TableExistsSql => "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table";

    // timestamptz; Npgsql writes only UTC DateTimeOffsets to it
    protected override DbType TimeDbType => DbType.DateTimeOffset;

    public override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@lock)";
        command.Add("lock", DbType.Int64, SchemaLock);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task LockNameAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(hashtextextended(@name, 0))";
        command.Add("name", name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    protected override object ToDatabase(DateTimeOffset time) => time.ToUniversalTime();
}
