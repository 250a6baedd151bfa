using Microsoft.Data.Sqlite;
using SofaBot.Learning;
using SofaBot.Review;

namespace SofaBot.Storage;

/// <summary>The review queue, answer feedback and what was learned, in the state store's SQLite file. Every change
/// that must be decided once is one statement, which holds the file's write lock from its check to its write: of
/// two processes deciding the same item, the second finds it decided.</summary>
internal sealed class SqliteReviewStore(SqliteDatabase database) : IReviewStore
{
    private const string ItemColumns = """
        id, channel, chat_id, message_id, reason, message_json, candidates_json, confidence, created_at, status,
        decided_by, decided_at, chosen, answer, note, review_chat_id, review_message_id, posted_at, post_error, decision_reason
        """;

    private const string LearnedColumns = """
        id, kind, pair_id, turn, question, answer, project_name, project_url, asker, approved_by, approved_at, review_item_id
        """;

    public async Task<ReviewItem> OpenAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $"""
                INSERT INTO review_items (channel, chat_id, message_id, reason, message_json, candidates_json, confidence,
                    created_at, status, decided_by, decided_at, chosen, answer, note, review_chat_id, review_message_id,
                    posted_at, post_error, decision_reason)
                VALUES ($channel, $chat, $message, $reason, $message_json, $candidates_json, $confidence,
                    $created_at, $status, $decided_by, $decided_at, $chosen, $answer, $note, $review_chat, $review_message,
                    $posted_at, $post_error, $decision_reason)
                ON CONFLICT (channel, chat_id, message_id, reason) DO NOTHING
                RETURNING {ItemColumns}
                """;
            AddMessageKey(insert, item.Message.Key, item.Reason);
            insert.Parameters.AddWithValue("$message_json", ReviewJson.WriteMessage(item.Message));
            insert.Parameters.AddWithValue("$candidates_json", ReviewJson.WriteCandidates(item.Candidates));
            insert.Parameters.AddWithValue("$confidence", (double)item.Confidence);
            insert.Parameters.AddWithValue("$created_at", SqliteStateStore.ToText(item.CreatedAt));
            insert.Parameters.AddWithValue("$status", item.Status.ToString());
            AddNullable(insert, "$decided_by", item.DecidedBy);
            AddNullable(insert, "$decided_at", item.DecidedAt is { } decidedAt ? SqliteStateStore.ToText(decidedAt) : null);
            AddNullable(insert, "$chosen", item.Chosen);
            AddNullable(insert, "$answer", item.Answer);
            AddNullable(insert, "$note", item.Note);
            AddNullable(insert, "$review_chat", item.ReviewChatId);
            AddNullable(insert, "$review_message", item.ReviewMessageId);
            AddNullable(insert, "$posted_at", item.PostedAt is { } postedAt ? SqliteStateStore.ToText(postedAt) : null);
            AddNullable(insert, "$post_error", item.PostError);
            AddNullable(insert, "$decision_reason", item.DecisionReason);
            if (await ReadItemAsync(insert, cancellationToken) is { } opened)
            {
                return opened;
            }
        }

        // already open for this message and reason (a message handled again after a crash): the first item stands
        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE channel = $channel AND chat_id = $chat AND message_id = $message AND reason = $reason
            """;
        AddMessageKey(select, item.Message.Key, item.Reason);
        return await ReadItemAsync(select, cancellationToken)
            ?? throw new InvalidOperationException($"review item for {item.Message.Key} ({item.Reason}) was neither opened nor found");
    }

    public async Task<ReviewItem?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, id, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewStatus? status, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE $status IS NULL OR status = $status
            ORDER BY created_at DESC, id DESC
            LIMIT $max
            """;
        AddNullable(command, "$status", status?.ToString());
        command.Parameters.AddWithValue("$max", max);
        return await ReadItemsAsync(command, cancellationToken);
    }

    public async Task<ReviewItem?> FindByReviewMessageAsync(string chatId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE review_chat_id = $chat AND review_message_id = $message
            ORDER BY id DESC
            LIMIT 1
            """;
        command.Parameters.AddWithValue("$chat", chatId);
        command.Parameters.AddWithValue("$message", messageId);
        return await ReadItemAsync(command, cancellationToken);
    }

    public async Task SetReviewMessageAsync(long id, string chatId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_items SET review_chat_id = $chat, review_message_id = $message WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$chat", chatId);
        command.Parameters.AddWithValue("$message", messageId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(DecideOutcome Outcome, ReviewItem? Item)> DecideAsync(long id, ReviewVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Status == ReviewStatus.Pending)
        {
            throw new ArgumentException("an item is decided as Approved, Edited, Rejected or Expired, not Pending", nameof(verdict));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            // the compare-and-set: only a pending item changes, and the write lock spans the check and the write
            command.CommandText = $"""
                UPDATE review_items
                SET status = $status, decided_by = $by, decided_at = $at, chosen = $chosen, answer = $answer, note = $note
                WHERE id = $id AND status = 'Pending'
                RETURNING {ItemColumns}
                """;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$status", verdict.Status.ToString());
            command.Parameters.AddWithValue("$by", verdict.By);
            command.Parameters.AddWithValue("$at", SqliteStateStore.ToText(verdict.At));
            AddNullable(command, "$chosen", verdict.Chosen);
            AddNullable(command, "$answer", verdict.Answer);
            AddNullable(command, "$note", verdict.Note);
            if (await ReadItemAsync(command, cancellationToken) is { } decided)
            {
                return (DecideOutcome.Decided, decided);
            }
        }

        return await GetAsync(connection, id, cancellationToken) is { } current
            ? (DecideOutcome.AlreadyDecided, current)
            : (DecideOutcome.NotFound, null);
    }

    public async Task<IReadOnlyList<ReviewItem>> ListRejectedAsync(string channel, string chatId, DateTimeOffset decidedSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE channel = $channel AND chat_id = $chat AND status = 'Rejected' AND decided_at >= $since
            ORDER BY decided_at DESC, id DESC
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$chat", chatId);
        command.Parameters.AddWithValue("$since", SqliteStateStore.ToText(decidedSince));
        return await ReadItemsAsync(command, cancellationToken);
    }

    public async Task MarkPostedAsync(long id, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_items SET posted_at = $at, post_error = $error WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", SqliteStateStore.ToText(at));
        AddNullable(command, "$error", error);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> ListUnpostedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE status IN ('Approved', 'Edited') AND posted_at IS NULL
            ORDER BY created_at, id
            """;
        return await ReadItemsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> ExpireAsync(DateTimeOffset createdBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // one statement, like DecideAsync: an item decided first is no longer pending here, and one expired first is
        // no longer pending there
        command.CommandText = $"""
            UPDATE review_items
            SET status = 'Expired', decided_by = NULL, decided_at = $now, note = 'expired'
            WHERE status = 'Pending' AND created_at < $before
            RETURNING {ItemColumns}
            """;
        command.Parameters.AddWithValue("$now", SqliteStateStore.ToText(now));
        command.Parameters.AddWithValue("$before", SqliteStateStore.ToText(createdBefore));
        var expired = await ReadItemsAsync(command, cancellationToken);

        // RETURNING gives rows in no promised order
        return [.. expired.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)];
    }

    public async Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO answer_feedback (channel, chat_id, message_id, user_id, helpful, at)
            VALUES ($channel, $chat, $message, $user, $helpful, $at)
            ON CONFLICT (channel, chat_id, message_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at
            """;
        AddQuestion(command, feedback.Question);
        command.Parameters.AddWithValue("$user", feedback.UserId);
        command.Parameters.AddWithValue("$helpful", feedback.Helpful);
        command.Parameters.AddWithValue("$at", SqliteStateStore.ToText(feedback.At));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AnswerFeedback>> ListFeedbackAsync(MessageKey question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, helpful, at FROM answer_feedback
            WHERE channel = $channel AND chat_id = $chat AND message_id = $message
            ORDER BY at, user_id
            """;
        AddQuestion(command, question);
        var feedback = new List<AnswerFeedback>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            feedback.Add(new AnswerFeedback(question, reader.GetString(0), reader.GetBoolean(1), SqliteStateStore.FromText(reader.GetString(2))));
        }

        return feedback;
    }

    public async Task<LearnedEntry> AddLearnedAsync(LearnedEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: the row and its pair id are written together, never one without the other
        await using var transaction = connection.BeginTransaction(deferred: false);
        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO learned (kind, pair_id, turn, question, answer, project_name, project_url, asker, approved_by,
                    approved_at, review_item_id)
                VALUES ($kind, $pair, $turn, $question, $answer, $project_name, $project_url, $asker, $approved_by,
                    $approved_at, $review_item)
                RETURNING id
                """;
            insert.Parameters.AddWithValue("$kind", entry.Kind.ToString());
            insert.Parameters.AddWithValue("$pair", entry.PairId);
            insert.Parameters.AddWithValue("$turn", entry.Turn);
            insert.Parameters.AddWithValue("$question", entry.Question);
            AddNullable(insert, "$answer", entry.Answer);
            AddNullable(insert, "$project_name", entry.ProjectName);
            AddNullable(insert, "$project_url", entry.ProjectUrl);
            AddNullable(insert, "$asker", entry.Asker);
            insert.Parameters.AddWithValue("$approved_by", entry.ApprovedBy);
            insert.Parameters.AddWithValue("$approved_at", SqliteStateStore.ToText(entry.ApprovedAt));
            AddNullable(insert, "$review_item", entry.ReviewItemId);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        if (entry.Kind == LearnedKind.Pair)
        {
            // a new pair is known by its own row id
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE learned SET pair_id = $pair WHERE id = $id";
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$pair", LearnedPairs.IdFor(id));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        LearnedEntry stored;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {LearnedColumns} FROM learned WHERE id = $id";
            select.Parameters.AddWithValue("$id", id);
            stored = (await ReadLearnedAsync(select, cancellationToken)).Single();
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<LearnedEntry>> ListLearnedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LearnedColumns} FROM learned ORDER BY id";
        return await ReadLearnedAsync(command, cancellationToken);
    }

    private static async Task<ReviewItem?> GetAsync(SqliteConnection connection, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ItemColumns} FROM review_items WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await ReadItemAsync(command, cancellationToken);
    }

    private static async Task<ReviewItem?> ReadItemAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = await ReadItemsAsync(command, cancellationToken);
        return items.Count == 0 ? null : items[0];
    }

    private static async Task<List<ReviewItem>> ReadItemsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<ReviewItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ReviewItem
            {
                Id = reader.GetInt64(0),
                Reason = Enum.Parse<ReviewReason>(reader.GetString(4)),
                Message = ReviewJson.ReadMessage(reader.GetString(5)),
                Candidates = ReviewJson.ReadCandidates(reader.GetString(6)),
                Confidence = (float)reader.GetDouble(7),
                CreatedAt = SqliteStateStore.FromText(reader.GetString(8)),
                Status = Enum.Parse<ReviewStatus>(reader.GetString(9)),
                DecidedBy = NullableString(reader, 10),
                DecidedAt = NullableTime(reader, 11),
                Chosen = reader.IsDBNull(12) ? null : reader.GetInt32(12),
                Answer = NullableString(reader, 13),
                Note = NullableString(reader, 14),
                ReviewChatId = NullableString(reader, 15),
                ReviewMessageId = NullableString(reader, 16),
                PostedAt = NullableTime(reader, 17),
                PostError = NullableString(reader, 18),
                DecisionReason = NullableString(reader, 19),
            });
        }

        return items;
    }

    private static async Task<List<LearnedEntry>> ReadLearnedAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<LearnedEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new LearnedEntry(
                reader.GetInt64(0),
                Enum.Parse<LearnedKind>(reader.GetString(1)),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetString(4),
                NullableString(reader, 5),
                NullableString(reader, 6),
                NullableString(reader, 7),
                NullableString(reader, 8),
                reader.GetString(9),
                SqliteStateStore.FromText(reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetInt64(11)));
        }

        return entries;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteStateStore.FromText(reader.GetString(ordinal));

    private static void AddMessageKey(SqliteCommand command, MessageKey key, ReviewReason reason)
    {
        AddQuestion(command, key);
        command.Parameters.AddWithValue("$reason", reason.ToString());
    }

    private static void AddQuestion(SqliteCommand command, MessageKey key)
    {
        command.Parameters.AddWithValue("$channel", key.Channel);
        command.Parameters.AddWithValue("$chat", key.ChatId);
        command.Parameters.AddWithValue("$message", key.MessageId);
    }

    private static void AddNullable(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
