using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SofaBot.Hosting;
using SofaBot.Messaging;
using SofaBot.Retrieval.Vectors;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The host's services keep the bot's state, embedding cache and review queue included, in the store
/// Storage:Provider names: one instance, one file or database.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class StateStoreRegistrationTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempDirectory _contentRoot = new();

    [Fact]
    public async Task By_default_the_state_goes_to_the_sqlite_file_under_the_content_root()
    {
        using var host = Build([]);
        var store = host.Services.GetRequiredService<IStateStore>();

        Assert.IsType<SqliteStateStore>(store);
        Assert.Same(store, host.Services.GetRequiredService<IEmbeddingCache>());
        var reviews = host.Services.GetRequiredService<IReviewStore>();
        Assert.IsType<SqliteReviewStore>(reviews);
        await store.SetCursorAsync("telegram:offset", 42, CancellationToken.None);
        await reviews.OpenAsync(ReviewItem("7"), CancellationToken.None);

        var file = _contentRoot.Combine("data/sofabot.db");
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "SELECT (SELECT value FROM cursors WHERE name = 'telegram:offset') || ' ' || (SELECT message_id FROM review_items)", connection);
        Assert.Equal("42 7", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task With_provider_postgres_the_state_goes_to_the_configured_database()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            using (var host = Build(new()
            {
                ["Storage:Provider"] = "postgres",
                ["Storage:Postgres:ConnectionString"] = database,
            }))
            {
                var store = host.Services.GetRequiredService<IStateStore>();

                Assert.IsType<PostgresStateStore>(store);
                Assert.Same(store, host.Services.GetRequiredService<IEmbeddingCache>());
                var reviews = host.Services.GetRequiredService<IReviewStore>();
                Assert.IsType<PostgresReviewStore>(reviews);
                await store.SetCursorAsync("telegram:offset", 42, CancellationToken.None);
                await reviews.OpenAsync(ReviewItem("7"), CancellationToken.None);
            }

            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT value FROM cursors WHERE name = 'telegram:offset') || ' ' || (SELECT message_id FROM review_items)", connection);
            Assert.Equal("42 7", await command.ExecuteScalarAsync());
            Assert.False(File.Exists(_contentRoot.Combine("data/sofabot.db")));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static ReviewItem ReviewItem(string messageId) => new()
    {
        Reason = ReviewReason.NoAnswer,
        Message = new IncomingMessage
        {
            Key = new MessageKey("telegram", "-100123", messageId),
            Text = "seata 支持 PostgreSQL 吗？",
            SenderId = "1001",
            Addressing = Addressing.Mention,
        },
        Candidates = [],
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private IHost Build(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = _contentRoot.Path,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSofaBotCore();
        builder.Services.AddSofaBotAdapters();
        return builder.Build();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _contentRoot.Dispose();
    }
}
