using System.Data.Common;

namespace SofaBot.Storage;

/// <summary>Deletes what the bot no longer needs (issue 12, bounded state): finished messages, decided review items
/// with the decision-log rows and votes that only they could label, and embedding-cache rows of models and texts no
/// longer in use. Every delete is idempotent and runs in batches of <see cref="BatchSize"/> rows, each its own short
/// statement: replicas sweeping at once delete each row once, and on PostgreSQL no statement holds many row locks or
/// holds them long; on SQLite the file's write lock is taken and given back between batches, so the inbox keeps
/// writing during a long first sweep.</summary>
internal class RetentionSweep(StoreDatabase database)
{
    public const int BatchSize = 1000;

    /// <summary>Deletes messages finished (replied, skipped or failed) before <paramref name="finishedBefore"/>;
    /// pending messages are never touched. A platform redelivering a deleted message would find it new again: keep
    /// messages far longer than any platform redelivers (and than <c>Chat:MaxMessageAgeHours</c>, which drops an old
    /// message instead of answering it).</summary>
    public Task<int> DeleteFinishedMessagesAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        DeleteInBatchesAsync(
            """
            DELETE FROM messages WHERE (channel, chat_id, message_id) IN (
                SELECT channel, chat_id, message_id FROM messages
                WHERE finished_at IS NOT NULL AND finished_at < @before
                LIMIT @batch)
            """,
            command => database.Dialect.AddTime(command, "before", finishedBefore),
            cancellationToken);

    /// <summary>Deletes review items decided or expired before <paramref name="decidedBefore"/>, with their askers,
    /// then the decision-log rows and votes older than that which no review item or asker labels any more
    /// (calibration's labelled data lives as long as the items that label it). Kept: pending items, approved items
    /// not posted yet (the next start posts or closes them), and every learned entry; a learned entry keeps the id of
    /// the item it came from as a plain number, and nothing reads an item through it but
    /// <c>ReviewPublisher.ResumeAsync</c>, for unposted items, which stay.</summary>
    public async Task<ReviewRemoval> DeleteDecidedReviewItemsAsync(DateTimeOffset decidedBefore, CancellationToken cancellationToken)
    {
        void Before(DbCommand command) => database.Dialect.AddTime(command, "before", decidedBefore);
        // the askers first: an item left without them by a crash in between is still deleted by the next sweep, where
        // askers left without their item would be deleted by none
        await DeleteInBatchesAsync(
            """
            DELETE FROM review_askers WHERE id IN (
                SELECT a.id FROM review_askers a
                JOIN review_items r ON r.id = a.item_id
                WHERE r.status <> 'Pending' AND r.decided_at IS NOT NULL AND r.decided_at < @before
                    AND NOT (r.status IN ('Approved', 'Edited') AND r.posted_at IS NULL)
                LIMIT @batch)
            """,
            Before,
            cancellationToken);
        var items = await DeleteInBatchesAsync(
            """
            DELETE FROM review_items WHERE id IN (
                SELECT id FROM review_items
                WHERE status <> 'Pending' AND decided_at IS NOT NULL AND decided_at < @before
                    AND NOT (status IN ('Approved', 'Edited') AND posted_at IS NULL)
                LIMIT @batch)
            """,
            Before,
            cancellationToken);
        var decisions = await DeleteInBatchesAsync(
            """
            DELETE FROM decision_log WHERE id IN (
                SELECT d.id FROM decision_log d
                WHERE d.at < @before AND NOT EXISTS (
                    SELECT 1 FROM review_items r
                    WHERE r.channel = d.channel AND r.chat_id = d.chat_id AND r.message_id = d.message_id)
                AND NOT EXISTS (
                    SELECT 1 FROM review_askers a
                    WHERE a.channel = d.channel AND a.chat_id = d.chat_id AND a.message_id = d.message_id)
                LIMIT @batch)
            """,
            Before,
            cancellationToken);
        // an anti-join rather than NOT EXISTS: decision_log has no index by message, and SQLite runs a correlated
        // NOT EXISTS as a scan of it per vote, where it builds a temporary index for a join (PostgreSQL: a hash anti-join)
        var votes = await DeleteInBatchesAsync(
            """
            DELETE FROM answer_feedback WHERE (channel, chat_id, message_id, user_id) IN (
                SELECT f.channel, f.chat_id, f.message_id, f.user_id FROM answer_feedback f
                LEFT JOIN decision_log d ON d.channel = f.channel AND d.chat_id = f.chat_id AND d.message_id = f.message_id
                WHERE f.at < @before AND d.id IS NULL
                LIMIT @batch)
            """,
            Before,
            cancellationToken);
        return new ReviewRemoval(items, decisions, votes);
    }

    /// <summary>Deletes cached vectors stored before <paramref name="storedBefore"/> that are of another model than
    /// <paramref name="model"/>, or of a text whose key is not in <paramref name="keysInUse"/>. Rows stored after
    /// the caller listed its texts (a unit learned meanwhile) are younger than <paramref name="storedBefore"/> and
    /// stay.</summary>
    public async Task<int> DeleteUnusedEmbeddingsAsync(string model, IReadOnlySet<string> keysInUse, DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        var created = database.Dialect.EmbeddingCreatedColumn;
        var otherModels = await DeleteInBatchesAsync(
            $"""
            DELETE FROM embedding_cache WHERE (model, text_hash) IN (
                SELECT model, text_hash FROM embedding_cache
                WHERE model <> @model AND {created} < @before
                LIMIT @batch)
            """,
            command =>
            {
                command.Add("model", model);
                database.Dialect.AddTime(command, "before", storedBefore);
            },
            cancellationToken);

        // the texts in use are thousands of keys: the unused ones are found here, then deleted by key
        var unused = new List<string>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT text_hash FROM embedding_cache WHERE model = @model AND {created} < @before";
            command.Add("model", model);
            database.Dialect.AddTime(command, "before", storedBefore);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(0);
                if (!keysInUse.Contains(key))
                {
                    unused.Add(key);
                }
            }
        }

        var unusedTexts = 0;
        foreach (var chunk in unused.Chunk(500))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM embedding_cache WHERE model = @model AND text_hash IN ({string.Join(", ", chunk.Select((_, i) => $"@k{i}"))})";
            command.Add("model", model);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Add($"k{i}", chunk[i]);
            }

            unusedTexts += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return otherModels + unusedTexts;
    }

    /// <summary>Runs a <c>DELETE ... LIMIT @batch</c> until it deletes less than a batch; the number deleted.</summary>
    private async Task<int> DeleteInBatchesAsync(string sql, Action<DbCommand> addParameters, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            addParameters(command);
            command.Add("batch", BatchSize);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted >= BatchSize);

        return total;
    }
}

/// <summary>What one sweep of the review data deleted.</summary>
internal sealed record ReviewRemoval(int Items, int Decisions, int Votes);

/// <summary>The sweep on the embedded SQLite file.</summary>
internal sealed class SqliteRetentionSweep(SqliteDatabase database) : RetentionSweep(database);

/// <summary>The sweep on the shared PostgreSQL database.</summary>
internal sealed class PostgresRetentionSweep(PostgresDatabase database) : RetentionSweep(database);
