using System.Data.Common;
using SofaBot.Review;

namespace SofaBot.Storage;

/// <summary>Opening an item, or joining the pending one that asks the same question, and each asker's posting state.
/// One transaction per attempt: the asker row and the item's count change together or not at all, so a message
/// handled again after a crash finds its asker row and counts once.</summary>
internal partial class ReviewStore
{
    /// <summary>An attempt lost to a concurrent one (the same message opened twice at once with other text, or the
    /// pending item decided in between) is retried once that one committed; more than this is a bug.</summary>
    private const int MaxOpenAttempts = 5;

    /// <summary>The <c>IN (...)</c> list of one asker query, well under SQLite's parameter limit.</summary>
    private const int AskerChunk = 500;

    private const string AskerColumns = "id, item_id, message_json, asked_at, posted_at, post_error";

    public async Task<ReviewItem> OpenAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var question = SameQuestion.Key(item.Message.Text) is { Length: > 0 } key ? key : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var attempt = 1; attempt <= MaxOpenAttempts; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (question is not null)
            {
                // openings of one question take turns from here to the commit, on every replica (PostgreSQL: an
                // advisory lock on the question; SQLite: the write lock): of two at once, one opens, the other joins
                await database.Dialect.LockNameAsync(connection, transaction, $"review question {item.Reason} {question}", cancellationToken);
            }

            var opened = await AskedAlreadyAsync(connection, transaction, item.Message.Key, item.Reason, cancellationToken)
                ?? await JoinPendingAsync(connection, transaction, item, question, cancellationToken)
                ?? await InsertAsync(connection, transaction, item, question, cancellationToken);
            if (opened is { } id && id > 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return await GetAsync(connection, id, cancellationToken, ReviewItem.ListedAskers)
                    ?? throw new InvalidOperationException($"review item {id} for {item.Message.Key} ({item.Reason}) vanished after it was opened");
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        throw new InvalidOperationException($"review item for {item.Message.Key} ({item.Reason}) was neither opened nor joined in {MaxOpenAttempts} attempts");
    }

    public async Task<bool> TryClaimAskerPostAsync(long askerId, string holder, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // a compare-and-set in one statement, like the review chat's claim
        command.CommandText = """
            UPDATE review_askers SET post_claimed_at = @now, post_claimed_by = @holder
            WHERE id = @id AND posted_at IS NULL
              AND (post_claimed_at IS NULL OR post_claimed_at < @stale OR post_claimed_by = @holder)
            """;
        command.Add("id", askerId);
        command.Add("holder", holder);
        database.Dialect.AddTime(command, "now", now);
        database.Dialect.AddTime(command, "stale", staleBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task MarkAskerPostedAsync(long askerId, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_askers SET posted_at = @at, post_error = @error WHERE id = @id";
        command.Add("id", askerId);
        database.Dialect.AddTime(command, "at", at);
        command.Add("error", error);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The item this message already asked (opened or joined) for the reason: handled again, it counts once.</summary>
    private static async Task<long?> AskedAlreadyAsync(DbConnection connection, DbTransaction transaction, MessageKey key, ReviewReason reason, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT item_id FROM review_askers
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message AND reason = @reason
            """;
        AddMessageKey(command, key, reason);
        return await command.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Joins the pending item of the question: the item's id, 0 when the attempt lost a race (retry), null
    /// when no item of the question is pending.</summary>
    private async Task<long?> JoinPendingAsync(DbConnection connection, DbTransaction transaction, ReviewItem item, string? question, CancellationToken cancellationToken)
    {
        if (question is null)
        {
            return null;
        }

        long pending;
        await using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = "SELECT id FROM review_items WHERE reason = @reason AND question_key = @question AND status = 'Pending'";
            find.Add("reason", item.Reason.ToString());
            find.Add("question", question);
            if (await find.ExecuteScalarAsync(cancellationToken) is not { } found || found is DBNull)
            {
                return null;
            }

            pending = Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!await AddAskerAsync(connection, transaction, pending, item with { PostedAt = null, PostError = null }, cancellationToken))
        {
            return 0;
        }

        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        // still pending: a decision taken meanwhile (it does not take the question's lock) leaves the item as it
        // decided it, and this asker opens a new item on the next attempt
        count.CommandText = """
            UPDATE review_items
            SET asked_count = asked_count + 1, last_asked_at = CASE WHEN last_asked_at < @at THEN @at ELSE last_asked_at END
            WHERE id = @id AND status = 'Pending'
            """;
        count.Add("id", pending);
        database.Dialect.AddTime(count, "at", item.CreatedAt);
        return await count.ExecuteNonQueryAsync(cancellationToken) == 1 ? pending : 0;
    }

    /// <summary>Opens a new item with its first asker: its id, or 0 when a concurrent opening of the same message won.</summary>
    private async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, ReviewItem item, string? question, CancellationToken cancellationToken)
    {
        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            // no conflict target: the message's own key or the question's pending item, whichever was taken first
            insert.CommandText = """
                INSERT INTO review_items (channel, chat_id, message_id, reason, message_json, candidates_json, confidence,
                    created_at, status, decided_by, decided_at, chosen, answer, note, review_chat_id, review_message_id,
                    posted_at, post_error, decision_reason, question_key, asked_count, last_asked_at)
                VALUES (@channel, @chat, @message, @reason, @message_json, @candidates_json, @confidence,
                    @created_at, @status, @decided_by, @decided_at, @chosen, @answer, @note, @review_chat, @review_message,
                    @posted_at, @post_error, @decision_reason, @question, 1, @created_at)
                ON CONFLICT DO NOTHING
                RETURNING id
                """;
            AddMessageKey(insert, item.Message.Key, item.Reason);
            insert.Add("message_json", ReviewJson.WriteMessage(item.Message));
            insert.Add("candidates_json", ReviewJson.WriteCandidates(item.Candidates));
            insert.AddReal("confidence", item.Confidence);
            database.Dialect.AddTime(insert, "created_at", item.CreatedAt);
            insert.Add("status", item.Status.ToString());
            insert.Add("decided_by", item.DecidedBy);
            database.Dialect.AddTime(insert, "decided_at", item.DecidedAt);
            insert.Add("chosen", item.Chosen);
            insert.Add("answer", item.Answer);
            insert.Add("note", item.Note);
            insert.Add("review_chat", item.ReviewChatId);
            insert.Add("review_message", item.ReviewMessageId);
            database.Dialect.AddTime(insert, "posted_at", item.PostedAt);
            insert.Add("post_error", item.PostError);
            insert.Add("decision_reason", item.DecisionReason);
            insert.Add("question", question);
            if (await insert.ExecuteScalarAsync(cancellationToken) is not { } inserted || inserted is DBNull)
            {
                return 0;
            }

            id = Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture);
        }

        return await AddAskerAsync(connection, transaction, id, item, cancellationToken) ? id : 0;
    }

    /// <summary>Adds the item's message as an asker of <paramref name="itemId"/>; false when it already is one of
    /// some item (a concurrent opening of the same message committed first).</summary>
    private async Task<bool> AddAskerAsync(DbConnection connection, DbTransaction transaction, long itemId, ReviewItem item, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO review_askers (item_id, channel, chat_id, message_id, reason, message_json, asked_at, posted_at, post_error)
            VALUES (@item, @channel, @chat, @message, @reason, @message_json, @asked_at, @posted_at, @post_error)
            ON CONFLICT DO NOTHING
            """;
        command.Add("item", itemId);
        AddMessageKey(command, item.Message.Key, item.Reason);
        command.Add("message_json", ReviewJson.WriteMessage(item.Message));
        database.Dialect.AddTime(command, "asked_at", item.CreatedAt);
        database.Dialect.AddTime(command, "posted_at", item.PostedAt);
        command.Add("post_error", item.PostError);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The items with their askers, the original first (all, or the first <paramref name="perItem"/>), and
    /// how many chats asked each.</summary>
    private async Task<List<ReviewItem>> WithAskersAsync(DbConnection connection, DbTransaction? transaction, List<ReviewItem> items, int? perItem, CancellationToken cancellationToken)
    {
        var askers = new Dictionary<long, List<ReviewAsker>>();
        var chats = new Dictionary<long, int>();
        foreach (var chunk in items.Select(i => i.Id).Distinct().Chunk(AskerChunk))
        {
            var ids = string.Join(", ", chunk.Select((_, i) => $"@i{i}"));
            // the first few of a flooded item are read without parsing the rest (both databases have window functions)
            var listed = perItem is null
                ? $"SELECT {AskerColumns} FROM review_askers WHERE item_id IN ({ids}) ORDER BY item_id, id"
                : $"""
                    SELECT {AskerColumns} FROM (
                        SELECT {AskerColumns}, ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY id) AS n
                        FROM review_askers WHERE item_id IN ({ids})) ranked
                    WHERE n <= @per_item
                    ORDER BY item_id, id
                    """;
            await using (var command = AskerCommand(connection, transaction, listed, chunk, perItem))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var itemId = reader.GetInt64(1);
                    if (!askers.TryGetValue(itemId, out var list))
                    {
                        askers[itemId] = list = [];
                    }

                    list.Add(new ReviewAsker(
                        reader.GetInt64(0),
                        ReviewJson.ReadMessage(reader.GetString(2)),
                        database.Dialect.ReadTime(reader, 3),
                        database.Dialect.ReadNullableTime(reader, 4),
                        reader.GetNullableString(5)));
                }
            }

            var counted = $"""
                SELECT item_id, count(*) FROM (SELECT DISTINCT item_id, channel, chat_id FROM review_askers WHERE item_id IN ({ids})) asked
                GROUP BY item_id
                """;
            await using (var command = AskerCommand(connection, transaction, counted, chunk, null))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    chats[reader.GetInt64(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return [.. items.Select(i => askers.TryGetValue(i.Id, out var list) ? i with { Askers = list, ChatCount = chats.GetValueOrDefault(i.Id, 1) } : i)];
    }

    private static DbCommand AskerCommand(DbConnection connection, DbTransaction? transaction, string sql, long[] ids, int? perItem)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            command.Add($"i{i}", id);
        }

        if (perItem is { } max)
        {
            command.Add("per_item", max);
        }

        return command;
    }
}
