using System.Data.Common;
using Npgsql;
using SofaBot.Storage;
using SofaBot.Storage.Dialects;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The versioned schema on a real PostgreSQL server, each test in a database of its own; the release fixture
/// is the database the release before versioning wrote, as pg_dump gave it (TestData/storage/release-postgres.sql,
/// see regenerate.sh there).</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresSchemaMigrationTests(PostgresFixture postgres) : SchemaMigrationContract
{
    private readonly PostgresTestDatabase _database = new(postgres);

    internal override TestDatabase Database => _database;

    internal override SqlDialect Dialect => PostgresDialect.Instance;

    internal override StoreDatabase Open() => _database.Open();

    internal override async Task LoadReleaseFixtureAsync()
    {
        await using var connection = await ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "storage", "release-postgres.sql"));
        await command.ExecuteNonQueryAsync();
    }

    internal override async Task<DbConnection> ConnectAsync()
    {
        // unpooled: nothing a test does on it outlives it
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
