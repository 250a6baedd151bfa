using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The state store contract on a real PostgreSQL server, each test in a database of its own.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresStateStoreTests(PostgresFixture postgres) : StateStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres);

    internal override TestDatabase Database => _database;

    internal override IStateStore Open() => new PostgresStateStore(_database.Open());
}
