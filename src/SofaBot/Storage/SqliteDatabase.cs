using Microsoft.Data.Sqlite;

namespace SofaBot.Storage;

/// <summary>The embedded SQLite store: opens connections to one file (WAL) and creates the schema on first use.</summary>
internal sealed class SqliteDatabase(string connectionString) : IDisposable
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;

    public void Dispose() => _schemaGate.Dispose();

    /// <summary>The connection string with a relative file made absolute against <paramref name="root"/>, and the
    /// file's folder created.</summary>
    public static SqliteDatabase ForContentRoot(string connectionString, string root)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return new SqliteDatabase(builder.ToString());
    }

    public string ConnectionString => connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            // a file that is not a database fails here, on every use: do not leave its handle open each time
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS embedding_cache (
                    model TEXT NOT NULL,
                    text_hash TEXT NOT NULL,
                    dimensions INTEGER NOT NULL,
                    vector BLOB NOT NULL,
                    created_utc TEXT NOT NULL,
                    PRIMARY KEY (model, text_hash)
                );
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
