using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SofaBot.Storage;

/// <summary>Microsoft.Data.Sqlite has no <see cref="DbDataSource"/> of its own (its pool is per connection string):
/// this one opens its connections, each waiting for the file's write lock rather than failing.</summary>
internal sealed class SqliteDataSource(string connectionString) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            // writers (the inbox, the handlers, the cache, another process on the same file) take turns on the
            // file's one write lock: SQLite's own busy handler waits for it instead of failing with SQLITE_BUSY
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Microsoft.Data.Sqlite does its work synchronously inside its async methods anyway
    protected override ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(OpenDbConnection());
    }
}
