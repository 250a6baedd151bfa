using System.Data.Common;
using System.Globalization;
using SofaBot.Storage.Dialects;

namespace SofaBot.Storage.Migrations;

/// <summary>Brings a database to the newest schema this release knows, at start: the version is kept in the database
/// (<c>schema_migrations</c>, one row per applied step), and each missing step runs in its own transaction with its
/// version row. Every transaction first takes the dialect's schema lock and then reads the version, so replicas (or
/// processes on one file) starting together apply each step once and end at the same version.</summary>
/// <remarks>A database written by a release before versioning has tables but no <c>schema_migrations</c>. Step 1 is
/// exactly that release's schema written so that it only adds what is missing (<c>IF NOT EXISTS</c>, columns added
/// when absent), so on such a database it creates nothing that exists, drops nothing, and stamps version 1. Later steps
/// never see it: by then it is versioned.</remarks>
internal static class SchemaMigrator
{
    // the tables every release since the first has created: any of them present means "written by a SofaBot release"
    private static readonly string[] FirstReleaseTables = ["messages", "review_items", "embedding_cache"];

    /// <summary>Applies the steps the database lacks (normally <see cref="SqlDialect.Steps"/>); fails, naming both
    /// versions, when the database is at a version after the last step.</summary>
    public static async Task MigrateAsync(DbConnection connection, SqlDialect dialect, IReadOnlyList<SchemaStep> steps, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // the version read from the database indexes the list: a gap or a wrong order would record the wrong step
        if (steps.Count == 0 || steps.Where((step, i) => step.Version != i + 1).Any())
        {
            throw new ArgumentException("schema steps are numbered 1, 2, 3, … in order", nameof(steps));
        }

        if (dialect.BeforeStepsSql is { } before)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = before;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        while (await ApplyNextAsync(connection, dialect, steps, now, cancellationToken))
        {
        }
    }

    /// <summary>Applies the step after the database's version; false when there is none.</summary>
    private static async Task<bool> ApplyNextAsync(DbConnection connection, SqlDialect dialect, IReadOnlyList<SchemaStep> steps, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await dialect.LockSchemaAsync(connection, transaction, cancellationToken);
        var unversioned = !await TableExistsAsync(connection, transaction, dialect, "schema_migrations", cancellationToken);
        var version = unversioned ? 0 : await VersionAsync(connection, transaction, cancellationToken);
        var latest = steps[^1];
        if (version > latest.Version)
        {
            // starting would write rows the newer schema may not expect, and no step here can undo the newer ones
            throw new SchemaTooNewException(
                $"The {dialect.Name} database is at schema version {version}, newer than this release, which knows versions up to {latest.Version}. " +
                $"Run a release that knows version {version}, or restore a backup taken before the upgrade.");
        }

        if (version == latest.Version)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var step = steps[version];
        var name = step.Name;
        if (unversioned)
        {
            await ExecuteAsync(connection, transaction, $"""
                CREATE TABLE schema_migrations (
                    version integer NOT NULL PRIMARY KEY,
                    name text NOT NULL,
                    applied_at {dialect.TimeType} NOT NULL
                )
                """, cancellationToken);
            if (await WrittenBeforeVersioningAsync(connection, transaction, dialect, cancellationToken))
            {
                name += " (stamped: the tables were created by a release before versioning; what they lacked was added)";
            }
        }

        await step.ApplyAsync(connection, transaction, cancellationToken);
        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
            record.Add("version", step.Version);
            record.Add("name", name);
            dialect.AddTime(record, "at", now);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<int> VersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<bool> WrittenBeforeVersioningAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        foreach (var table in FirstReleaseTables)
        {
            if (await TableExistsAsync(connection, transaction, dialect, table, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dialect.TableExistsSql;
        command.Add("table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
