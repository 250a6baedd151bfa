using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>The review store contract on a real SQLite file in a temp folder, opened the way the host opens it (a
/// relative file under the content root, the default connection string).</summary>
public sealed class SqliteReviewStoreTests : ReviewStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    internal override TestDatabase Database => _database;

    internal override IReviewStore Open() => new SqliteReviewStore(_database.Open());
}
