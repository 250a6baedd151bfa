using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The decision log contract on a real PostgreSQL server, each test in a database of its own.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresDecisionLogTests(PostgresFixture postgres) : DecisionLogContract
{
    private readonly PostgresTestDatabase _database = new(postgres);

    internal override TestDatabase Database => _database;

    internal override IDecisionLog Open() => new PostgresDecisionLog(_database.Open());
}
