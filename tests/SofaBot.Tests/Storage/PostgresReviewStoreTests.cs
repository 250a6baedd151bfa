using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The review store contract on a real PostgreSQL server, each test in a database of its own.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresReviewStoreTests(PostgresFixture postgres) : ReviewStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres);

    internal override TestDatabase Database => _database;

    internal override IReviewStore Open() => new PostgresReviewStore(_database.Open());
}
