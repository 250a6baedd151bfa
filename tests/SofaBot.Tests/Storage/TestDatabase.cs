using Microsoft.Data.Sqlite;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>A store contract's own file or database: created empty, closed (every instance's connections, as a
/// stopped process), deleted.</summary>
internal abstract class TestDatabase
{
    public abstract Task CreateAsync();

    public abstract Task CloseAsync();

    public abstract Task DeleteAsync();
}

/// <summary>A real SQLite file in a temp folder, opened the way the host opens it (a relative file under the content
/// root, the default connection string).</summary>
internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly List<SqliteDatabase> _open = [];

    public TempDirectory ContentRoot { get; } = new();

    public string File => ContentRoot.Combine("data/sofabot.db");

    public SqliteDatabase Open()
    {
        var database = SqliteDatabase.ForContentRoot("Data Source=data/sofabot.db", ContentRoot.Path);
        _open.Add(database);
        return database;
    }

    public override Task CreateAsync() => Task.CompletedTask;

    public override Task CloseAsync()
    {
        // a restarted process has no pooled connection left over from the previous one
        foreach (var database in _open)
        {
            SqliteConnection.ClearPool(new SqliteConnection(database.ConnectionString));
            database.Dispose();
        }

        _open.Clear();
        return Task.CompletedTask;
    }

    public override async Task DeleteAsync()
    {
        await CloseAsync();
        ContentRoot.Dispose();
    }
}

/// <summary>A database of its own on the real PostgreSQL server of <see cref="PostgresFixture"/>.</summary>
internal sealed class PostgresTestDatabase(PostgresFixture postgres) : TestDatabase
{
    private readonly List<PostgresDatabase> _open = [];
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("the database is created in CreateAsync");

    public PostgresDatabase Open()
    {
        var database = new PostgresDatabase(ConnectionString);
        _open.Add(database);
        return database;
    }

    public override async Task CreateAsync() => _connectionString = await postgres.CreateDatabaseAsync();

    public override async Task CloseAsync()
    {
        // each instance has its own pool; disposing it closes its connections, as a stopped replica's close
        foreach (var database in _open)
        {
            await database.DisposeAsync();
        }

        _open.Clear();
    }

    public override async Task DeleteAsync()
    {
        await CloseAsync();
        if (_connectionString is not null)
        {
            await postgres.DropDatabaseAsync(_connectionString);
        }
    }
}
