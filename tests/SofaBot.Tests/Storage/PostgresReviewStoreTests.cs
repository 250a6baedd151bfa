using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The review store contract on a real PostgreSQL server, each test in a database of its own.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresReviewStoreTests(PostgresFixture postgres) : ReviewStoreContract
{
    private readonly List<PostgresDatabase> _databases = [];
    private string? _connectionString;

    protected override async Task CreateAsync() => _connectionString = await postgres.CreateDatabaseAsync();

    internal override IReviewStore Open()
    {
        var database = new PostgresDatabase(_connectionString!);
        _databases.Add(database);
        return new PostgresReviewStore(database);
    }

    internal override async Task<IReviewStore> ReopenAsync()
    {
        await CloseAsync();
        return Open();
    }

    protected override async Task DeleteAsync()
    {
        await CloseAsync();
        if (_connectionString is not null)
        {
            await postgres.DropDatabaseAsync(_connectionString);
        }
    }

    private async Task CloseAsync()
    {
        // each instance has its own pool; disposing it closes its connections, as a stopped replica's close
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _databases.Clear();
    }
}
