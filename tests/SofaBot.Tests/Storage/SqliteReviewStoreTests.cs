using Microsoft.Data.Sqlite;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The review store contract on a real SQLite file in a temp folder, opened the way the host opens it (a
/// relative file under the content root, the default connection string).</summary>
public sealed class SqliteReviewStoreTests : ReviewStoreContract, IDisposable
{
    private readonly TempDirectory _contentRoot = new();
    private readonly List<SqliteDatabase> _databases = [];

    protected override Task CreateAsync() => Task.CompletedTask;

    internal override IReviewStore Open()
    {
        var database = SqliteDatabase.ForContentRoot("Data Source=data/sofabot.db", _contentRoot.Path);
        _databases.Add(database);
        return new SqliteReviewStore(database);
    }

    internal override Task<IReviewStore> ReopenAsync()
    {
        Close();
        return Task.FromResult(Open());
    }

    protected override Task DeleteAsync()
    {
        Close();
        return Task.CompletedTask;
    }

    // after DeleteAsync: the file is closed by then
    public void Dispose() => _contentRoot.Dispose();

    private void Close()
    {
        // a restarted process has no pooled connection left over from the previous one
        foreach (var database in _databases)
        {
            SqliteConnection.ClearPool(new SqliteConnection(database.ConnectionString));
            database.Dispose();
        }

        _databases.Clear();
    }
}
