using Microsoft.Data.Sqlite;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>The state store contract on a real SQLite file in a temp folder, opened the way the host opens it (a
/// relative file under the content root, the default connection string).</summary>
public sealed class SqliteStateStoreTests : StateStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    internal override TestDatabase Database => _database;

    internal override IStateStore Open() => new SqliteStateStore(_database.Open());

    [Fact]
    public async Task The_state_is_kept_in_one_file_under_the_content_root()
    {
        await Store.SetCursorAsync("telegram:offset", 1, CancellationToken.None);
        await Store.PutAsync("model-a", [("k", [1f])], CancellationToken.None);

        Assert.True(File.Exists(_database.File));
        await using var connection = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM cursors) || ' ' || (SELECT count(*) FROM embedding_cache)";
        Assert.Equal("1 1", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_write_waits_while_another_process_holds_the_file_instead_of_failing()
    {
        await Store.InitializeAsync(CancellationToken.None);
        await using var other = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await other.OpenAsync();
        await using (var hold = new SqliteCommand("BEGIN IMMEDIATE; INSERT INTO cursors (name, value) VALUES ('other', 1);", other))
        {
            await hold.ExecuteNonQueryAsync();
        }

        // Microsoft.Data.Sqlite runs synchronously inside its async methods: wait on another thread
        var write = Task.Run(() => Store.TryReceiveAsync(Message("1", DateTimeOffset.UnixEpoch), CancellationToken.None));
        await Task.Delay(500);
        Assert.False(write.IsCompleted);
        await using (var commit = new SqliteCommand("COMMIT", other))
        {
            await commit.ExecuteNonQueryAsync();
        }

        Assert.True(await write.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, await Store.GetCursorAsync("other", CancellationToken.None));
    }

    private static ReceivedMessage Message(string id, DateTimeOffset at) => new(new MessageKey("telegram", "-100123", id), "{}", at);
}
