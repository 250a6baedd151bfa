using System.Data;
using System.Data.Common;
using SofaBot.Storage.Migrations;

namespace SofaBot.Storage.Dialects;

/// <summary>What differs between the two databases the stores run on; everything else (the statements, the
/// parameters, reading the rows) is written once in the stores. Both drivers take <c>@name</c> parameters.</summary>
internal abstract class SqlDialect
{
    /// <summary>The database's name for messages to operators: <c>SQLite</c>, <c>PostgreSQL</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The column type of a time (SQLite: fixed-format UTC text; PostgreSQL: timestamptz).</summary>
    public abstract string TimeType { get; }

    /// <summary>The schema's steps, oldest first; a release changes the schema by appending one.</summary>
    public abstract IReadOnlyList<SchemaStep> Steps { get; }

    /// <summary>Claims unfinished messages whose claim is older than <c>@stale</c> (at most <c>@max</c>, oldest first)
    /// by setting <c>claimed_at = @now</c>, returning channel, chat_id, message_id, payload, received_at. Two callers
    /// must never get the same row: each database has its own way.</summary>
    public abstract string ClaimUnfinishedSql { get; }

    /// <summary>The embedding cache's column holding when a vector was stored (named differently by the first
    /// releases, and kept so).</summary>
    public abstract string EmbeddingCreatedColumn { get; }

    /// <summary>Run once per process before the schema steps, outside any transaction (SQLite: WAL mode).</summary>
    public virtual string? BeforeStepsSql => null;

    /// <summary>Whether a table exists, given <c>@table</c>.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>Called first in each schema step's transaction: from there to the commit, no other process changes
    /// the schema (PostgreSQL: an advisory lock; SQLite: the write lock its transactions take at BEGIN).</summary>
    public abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Called first in a transaction that reads and then writes rows of one name (a chat's send pace): from
    /// there to the commit, no other process does the same for that name (PostgreSQL: an advisory lock on the name;
    /// SQLite: the write lock its transactions take at BEGIN).</summary>
    public abstract Task LockNameAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>Adds a time parameter as the time columns keep it (null as a typed null).</summary>
    public void AddTime(DbCommand command, string name, DateTimeOffset? value) => command.Add(name, TimeDbType, value is { } time ? ToDatabase(time) : null);

    protected abstract DbType TimeDbType { get; }

    protected abstract object ToDatabase(DateTimeOffset time);
}
