using Microsoft.Data.Sqlite;
using Npgsql;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>A database the previous release wrote (its review_items table, without the columns added since, with an
/// item in it) opens in this release with nothing lost, and gains what this release stores.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class SchemaUpgradeTests(PostgresFixture postgres)
{
    private const string Question = "SOFAJRaft 的 learner 有什么用";

    /// <summary>The previous release's review_items, as it created it in SQLite, and one item it stored.</summary>
    private const string PreviousSqlite = """
        CREATE TABLE review_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, chat_id TEXT NOT NULL, message_id TEXT NOT NULL,
            reason TEXT NOT NULL, message_json TEXT NOT NULL, candidates_json TEXT NOT NULL, confidence REAL NOT NULL,
            created_at TEXT NOT NULL, status TEXT NOT NULL, decided_by TEXT, decided_at TEXT, chosen INTEGER, answer TEXT,
            note TEXT, review_chat_id TEXT, review_message_id TEXT, posted_at TEXT, post_error TEXT,
            UNIQUE (channel, chat_id, message_id, reason));
        INSERT INTO review_items (channel, chat_id, message_id, reason, message_json, candidates_json, confidence, created_at, status)
        VALUES ('local', 'local', '1-1', 'Suggest',
            '{"key":{"channel":"local","chatId":"local","messageId":"1-1"},"text":"SOFAJRaft \u7684 learner \u6709\u4EC0\u4E48\u7528","senderId":"alice","senderName":"alice","addressing":1,"sentAt":"2026-11-21T09:00:00+00:00","route":{"threadId":null,"sessionWebhook":null,"sessionWebhookExpiresAt":null}}',
            '[]', 0.75, '2026-11-21T09:00:01.000000Z', 'Pending');
        """;

    /// <summary>The same in PostgreSQL.</summary>
    private const string PreviousPostgres = """
        CREATE TABLE review_items (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, channel text NOT NULL, chat_id text NOT NULL,
            message_id text NOT NULL, reason text NOT NULL, message_json text NOT NULL, candidates_json text NOT NULL,
            confidence real NOT NULL, created_at timestamptz NOT NULL, status text NOT NULL, decided_by text,
            decided_at timestamptz, chosen integer, answer text, note text, review_chat_id text, review_message_id text,
            posted_at timestamptz, post_error text, UNIQUE (channel, chat_id, message_id, reason));
        INSERT INTO review_items (channel, chat_id, message_id, reason, message_json, candidates_json, confidence, created_at, status)
        VALUES ('local', 'local', '1-1', 'Suggest',
            '{"key":{"channel":"local","chatId":"local","messageId":"1-1"},"text":"SOFAJRaft \u7684 learner \u6709\u4EC0\u4E48\u7528","senderId":"alice","senderName":"alice","addressing":1,"sentAt":"2026-11-21T09:00:00+00:00","route":{"threadId":null,"sessionWebhook":null,"sessionWebhookExpiresAt":null}}',
            '[]', 0.75, '2026-11-21T09:00:01Z', 'Pending');
        """;

    [Fact]
    public async Task A_SQLite_file_of_the_previous_release_keeps_its_items_and_stores_the_new_fields()
    {
        using var folder = new TempDirectory();
        var file = folder.Combine("sofabot.db");
        await using (var previous = new SqliteConnection($"Data Source={file}"))
        {
            await previous.OpenAsync();
            await using var command = previous.CreateCommand();
            command.CommandText = PreviousSqlite;
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        using var database = SqliteDatabase.ForContentRoot($"Data Source={file}", folder.Path);
        await AssertUpgradedAsync(new SqliteReviewStore(database));
    }

    [Fact]
    public async Task A_PostgreSQL_database_of_the_previous_release_keeps_its_items_and_stores_the_new_fields()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        try
        {
            await using (var previous = new NpgsqlConnection(connectionString))
            {
                await previous.OpenAsync();
                await using var command = new NpgsqlCommand(PreviousPostgres, previous);
                await command.ExecuteNonQueryAsync();
            }

            await using var database = new PostgresDatabase(connectionString);
            await AssertUpgradedAsync(new PostgresReviewStore(database));
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task AssertUpgradedAsync(IReviewStore store)
    {
        var kept = Assert.Single(await store.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal(Question, kept.Message.Text);
        Assert.Equal(ReviewStatus.Pending, kept.Status);
        Assert.Null(kept.DecisionReason);
        // asked once, by its own message: a pending item of the previous release shows a count of 1
        Assert.Equal(1, kept.AskedCount);
        Assert.Equal(kept.Message.Key, Assert.Single(kept.Askers).Message.Key);

        var opened = await store.OpenAsync(
            new ReviewItem
            {
                Reason = ReviewReason.NoAnswer,
                Message = kept.Message with { Key = kept.Message.Key with { MessageId = "1-2" } },
                Candidates = [],
                DecisionReason = "nothing close enough (confidence 0.30 < 0.45)",
                CreatedAt = kept.CreatedAt.AddMinutes(1),
            },
            CancellationToken.None);

        Assert.Equal("nothing close enough (confidence 0.30 < 0.45)", (await store.GetAsync(opened.Id, CancellationToken.None))?.DecisionReason);
        Assert.Equal(2, (await store.ListAsync(null, 10, CancellationToken.None)).Count);

        // the old item has no question key (it was opened before there was one), so the same question asked now opens
        // an item of its own, which the next asker of that question joins
        var now = kept.Message with { Key = kept.Message.Key with { MessageId = "1-3" } };
        var asked = await store.OpenAsync(new ReviewItem { Reason = ReviewReason.Suggest, Message = now, Candidates = [], CreatedAt = kept.CreatedAt.AddMinutes(2) }, CancellationToken.None);
        var again = await store.OpenAsync(
            new ReviewItem { Reason = ReviewReason.Suggest, Message = now with { Key = now.Key with { ChatId = "other" } }, Candidates = [], CreatedAt = kept.CreatedAt.AddMinutes(3) },
            CancellationToken.None);
        Assert.NotEqual(kept.Id, asked.Id);
        Assert.Equal((asked.Id, 2), (again.Id, again.AskedCount));
    }
}
