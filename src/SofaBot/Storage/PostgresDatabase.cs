using Npgsql;

namespace SofaBot.Storage;

/// <summary>The shared PostgreSQL store: one connection pool (<see cref="NpgsqlDataSource"/>) and the schema, created
/// on first use. Several replicas may start at once against one database.</summary>
internal sealed class PostgresDatabase(string connectionString) : IAsyncDisposable, IDisposable
{
    // any constant works as long as every SofaBot replica uses the same one: it serializes schema creation
    // (concurrent CREATE TABLE IF NOT EXISTS can still fail on PostgreSQL's catalog); "SofaBot" in ASCII
    private const long SchemaLock = 0x536F_6661_426F_74;

    private const string Schema = """
        SELECT pg_advisory_xact_lock(@lock);
        CREATE TABLE IF NOT EXISTS embedding_cache (
            model text NOT NULL,
            text_hash text NOT NULL,
            dimensions integer NOT NULL,
            vector bytea NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (model, text_hash)
        );
        CREATE TABLE IF NOT EXISTS messages (
            channel text NOT NULL,
            chat_id text NOT NULL,
            message_id text NOT NULL,
            payload text NOT NULL,
            outcome text NOT NULL,
            detail text,
            received_at timestamptz NOT NULL,
            claimed_at timestamptz NOT NULL,
            finished_at timestamptz,
            PRIMARY KEY (channel, chat_id, message_id)
        );
        CREATE INDEX IF NOT EXISTS messages_unfinished ON messages (received_at) WHERE finished_at IS NULL;
        CREATE TABLE IF NOT EXISTS cursors (
            name text NOT NULL PRIMARY KEY,
            value bigint NOT NULL
        );
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _schemaGate.Dispose();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _schemaGate.Dispose();
    }

    private async Task EnsureSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Schema, connection, transaction);
            command.Parameters.AddWithValue("lock", SchemaLock);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
