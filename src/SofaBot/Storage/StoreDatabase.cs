using System.Data.Common;
using SofaBot.Storage.Dialects;
using SofaBot.Storage.Migrations;

namespace SofaBot.Storage;

/// <summary>The one database every store of a process shares: its connections (a <see cref="DbDataSource"/>), its
/// <see cref="SqlDialect"/>, and its schema brought up to date (<see cref="SchemaMigrator"/>) before the first
/// connection is handed out.</summary>
internal abstract class StoreDatabase(DbDataSource dataSource, SqlDialect dialect) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;

    public SqlDialect Dialect => dialect;

    /// <summary>An open connection; the first one of the process migrates the schema first (and fails, naming the
    /// versions, on a database newer than this release).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await MigrateOnceAsync(connection, cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        _schemaGate.Dispose();
        GC.SuppressFinalize(this);
    }

    public void Dispose()
    {
        dataSource.Dispose();
        _schemaGate.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task MigrateOnceAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await SchemaMigrator.MigrateAsync(connection, dialect, dialect.Steps, DateTimeOffset.UtcNow, cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
