using System.Data.Common;

namespace SofaBot.Storage.Migrations;

/// <summary>One change of the schema, applied once, in a transaction of its own that also records its version in
/// <c>schema_migrations</c>. A step never changes once released: a later release appends a new one.</summary>
/// <param name="Version">Its place in the order, from 1 without gaps.</param>
/// <param name="Name">What it does, for the operator reading <c>schema_migrations</c>.</param>
/// <param name="Sql">The statements.</param>
/// <param name="AddedColumns">Columns added to existing tables when missing, for the one dialect (SQLite) that has
/// no <c>ADD COLUMN IF NOT EXISTS</c>.</param>
/// <param name="AfterColumnsSql">Statements that need the added columns (an index on one, a backfill), run after
/// them in the same transaction.</param>
internal sealed record SchemaStep(int Version, string Name, string Sql, IReadOnlyList<AddedColumn>? AddedColumns = null, string? AfterColumnsSql = null)
{
    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var added in AddedColumns ?? [])
        {
            await added.ApplyAsync(connection, transaction, cancellationToken);
        }

        if (AfterColumnsSql is not null)
        {
            await using var after = connection.CreateCommand();
            after.Transaction = transaction;
            after.CommandText = AfterColumnsSql;
            await after.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>A column a table of an older file may lack: added when missing (SQLite).</summary>
internal sealed record AddedColumn(string Table, string Column, string Type)
{
    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = $"SELECT count(*) FROM pragma_table_info('{Table}') WHERE name = '{Column}'";
        if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        await using var alter = connection.CreateCommand();
        alter.Transaction = transaction;
        alter.CommandText = $"ALTER TABLE {Table} ADD COLUMN {Column} {Type}";
        await alter.ExecuteNonQueryAsync(cancellationToken);
    }
}
