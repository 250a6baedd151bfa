using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SofaBot.Storage;

/// <summary>Microsoft.Data.Sqlite has no <see cref="DbDataSource"/> of its own (its pool is per connection string):
/// this one opens its connections, each waiting for the file's write lock rather than failing.</summary>
internal sealed class SqliteDataSource(string connectionString) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // writers (the inbox, the handlers, the cache, another process on the same file) take turns on the
            // file's one write lock: SQLite's own busy handler waits for it instead of failing with SQLITE_BUSY
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override DbConnection OpenDbConnection() => OpenDbConnectionAsync().AsTask().GetAwaiter().GetResult();
}
