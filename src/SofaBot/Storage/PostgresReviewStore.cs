using Npgsql;
using NpgsqlTypes;
using SofaBot.Learning;
using SofaBot.Review;

namespace SofaBot.Storage;

/// <summary>The review queue, answer feedback and what was learned, in the state store's PostgreSQL database. A
/// decision and an expiry are each one <c>UPDATE ... WHERE status = 'Pending'</c>: a replica that waited for another's
/// row lock re-reads the row, finds it decided and changes nothing.</summary>
internal sealed class PostgresReviewStore(PostgresDatabase database) : IReviewStore
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
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO review_items (channel, chat_id, message_id, reason, message_json, candidates_json, confidence,
                created_at, status, decided_by, decided_at, chosen, answer, note, review_chat_id, review_message_id,
                posted_at, post_error, decision_reason)
            VALUES (@channel, @chat, @message, @reason, @message_json, @candidates_json, @confidence,
                @created_at, @status, @decided_by, @decided_at, @chosen, @answer, @note, @review_chat, @review_message,
                @posted_at, @post_error, @decision_reason)
            ON CONFLICT (channel, chat_id, message_id, reason) DO NOTHING
            RETURNING {ItemColumns}
            """, connection))
        {
            AddMessageKey(insert, item.Message.Key, item.Reason);
            insert.Parameters.AddWithValue("message_json", ReviewJson.WriteMessage(item.Message));
            insert.Parameters.AddWithValue("candidates_json", ReviewJson.WriteCandidates(item.Candidates));
            insert.Parameters.AddWithValue("confidence", item.Confidence);
            insert.Parameters.AddWithValue("created_at", item.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("status", item.Status.ToString());
            AddText(insert, "decided_by", item.DecidedBy);
            AddTime(insert, "decided_at", item.DecidedAt);
            AddNullable(insert, "chosen", NpgsqlDbType.Integer, item.Chosen);
            AddText(insert, "answer", item.Answer);
            AddText(insert, "note", item.Note);
            AddText(insert, "review_chat", item.ReviewChatId);
            AddText(insert, "review_message", item.ReviewMessageId);
            AddTime(insert, "posted_at", item.PostedAt);
            AddText(insert, "post_error", item.PostError);
            AddText(insert, "decision_reason", item.DecisionReason);
            if (await ReadItemAsync(insert, cancellationToken) is { } opened)
            {
                return opened;
            }
        }

        // already open for this message and reason (a message handled again after a crash, or by another replica):
        // the first item stands. ON CONFLICT waited for the other insert to commit, so this statement sees it.
        await using var select = new NpgsqlCommand($"""
            SELECT {ItemColumns} FROM review_items
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message AND reason = @reason
            """, connection);
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
        await using var command = new NpgsqlCommand($"""
            SELECT {ItemColumns} FROM review_items
            WHERE @status IS NULL OR status = @status
            ORDER BY created_at DESC, id DESC
            LIMIT @max
            """, connection);
        AddText(command, "status", status?.ToString());
        command.Parameters.AddWithValue("max", max);
        return await ReadItemsAsync(command, cancellationToken);
    }

    public async Task<ReviewItem?> FindByReviewMessageAsync(string chatId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT {ItemColumns} FROM review_items
            WHERE review_chat_id = @chat AND review_message_id = @message
            ORDER BY id DESC
            LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("chat", chatId);
        command.Parameters.AddWithValue("message", messageId);
        return await ReadItemAsync(command, cancellationToken);
    }

    public async Task SetReviewMessageAsync(long id, string chatId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE review_items SET review_chat_id = @chat, review_message_id = @message WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("chat", chatId);
        command.Parameters.AddWithValue("message", messageId);
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
        // the compare-and-set: a second decision waits for the first one's row lock, then re-checks the status
        await using (var command = new NpgsqlCommand($"""
            UPDATE review_items
            SET status = @status, decided_by = @by, decided_at = @at, chosen = @chosen, answer = @answer, note = @note
            WHERE id = @id AND status = 'Pending'
            RETURNING {ItemColumns}
            """, connection))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("status", verdict.Status.ToString());
            command.Parameters.AddWithValue("by", verdict.By);
            command.Parameters.AddWithValue("at", verdict.At.ToUniversalTime());
            AddNullable(command, "chosen", NpgsqlDbType.Integer, verdict.Chosen);
            AddText(command, "answer", verdict.Answer);
            AddText(command, "note", verdict.Note);
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
        await using var command = new NpgsqlCommand($"""
            SELECT {ItemColumns} FROM review_items
            WHERE channel = @channel AND chat_id = @chat AND status = 'Rejected' AND decided_at >= @since
            ORDER BY decided_at DESC, id DESC
            """, connection);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("chat", chatId);
        command.Parameters.AddWithValue("since", decidedSince.ToUniversalTime());
        return await ReadItemsAsync(command, cancellationToken);
    }

    public async Task MarkPostedAsync(long id, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE review_items SET posted_at = @at, post_error = @error WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        AddText(command, "error", error);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> ListUnpostedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT {ItemColumns} FROM review_items
            WHERE status IN ('Approved', 'Edited') AND posted_at IS NULL
            ORDER BY created_at, id
            """, connection);
        return await ReadItemsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> ExpireAsync(DateTimeOffset createdBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // one statement, like DecideAsync: a row a concurrent decision holds is re-checked once it is released, and
        // left alone when no longer pending
        await using var command = new NpgsqlCommand($"""
            UPDATE review_items
            SET status = 'Expired', decided_by = NULL, decided_at = @now, note = 'expired'
            WHERE status = 'Pending' AND created_at < @before
            RETURNING {ItemColumns}
            """, connection);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("before", createdBefore.ToUniversalTime());
        var expired = await ReadItemsAsync(command, cancellationToken);

        // RETURNING gives rows in no promised order
        return [.. expired.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)];
    }

    public async Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO answer_feedback (channel, chat_id, message_id, user_id, helpful, at)
            VALUES (@channel, @chat, @message, @user, @helpful, @at)
            ON CONFLICT (channel, chat_id, message_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at
            """, connection);
        AddQuestion(command, feedback.Question);
        command.Parameters.AddWithValue("user", feedback.UserId);
        command.Parameters.AddWithValue("helpful", feedback.Helpful);
        command.Parameters.AddWithValue("at", feedback.At.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AnswerFeedback>> ListFeedbackAsync(MessageKey question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT user_id, helpful, at FROM answer_feedback
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            ORDER BY at, user_id
            """, connection);
        AddQuestion(command, question);
        var feedback = new List<AnswerFeedback>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            feedback.Add(new AnswerFeedback(question, reader.GetString(0), reader.GetBoolean(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return feedback;
    }

    public async Task<LearnedEntry> AddLearnedAsync(LearnedEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        // the row and its pair id are committed together, never one without the other
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO learned (kind, pair_id, turn, question, answer, project_name, project_url, asker, approved_by,
                approved_at, review_item_id)
            VALUES (@kind, @pair, @turn, @question, @answer, @project_name, @project_url, @asker, @approved_by,
                @approved_at, @review_item)
            RETURNING id
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("kind", entry.Kind.ToString());
            insert.Parameters.AddWithValue("pair", entry.PairId);
            insert.Parameters.AddWithValue("turn", entry.Turn);
            insert.Parameters.AddWithValue("question", entry.Question);
            AddText(insert, "answer", entry.Answer);
            AddText(insert, "project_name", entry.ProjectName);
            AddText(insert, "project_url", entry.ProjectUrl);
            AddText(insert, "asker", entry.Asker);
            insert.Parameters.AddWithValue("approved_by", entry.ApprovedBy);
            insert.Parameters.AddWithValue("approved_at", entry.ApprovedAt.ToUniversalTime());
            AddNullable(insert, "review_item", NpgsqlDbType.Bigint, entry.ReviewItemId);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        if (entry.Kind == LearnedKind.Pair)
        {
            // a new pair is known by its own row id
            await using var update = new NpgsqlCommand("UPDATE learned SET pair_id = @pair WHERE id = @id", connection, transaction);
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("pair", LearnedPairs.IdFor(id));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        LearnedEntry stored;
        await using (var select = new NpgsqlCommand($"SELECT {LearnedColumns} FROM learned WHERE id = @id", connection, transaction))
        {
            select.Parameters.AddWithValue("id", id);
            stored = (await ReadLearnedAsync(select, cancellationToken)).Single();
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<LearnedEntry>> ListLearnedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {LearnedColumns} FROM learned ORDER BY id", connection);
        return await ReadLearnedAsync(command, cancellationToken);
    }

    private static async Task<ReviewItem?> GetAsync(NpgsqlConnection connection, long id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {ItemColumns} FROM review_items WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return await ReadItemAsync(command, cancellationToken);
    }

    private static async Task<ReviewItem?> ReadItemAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = await ReadItemsAsync(command, cancellationToken);
        return items.Count == 0 ? null : items[0];
    }

    private static async Task<List<ReviewItem>> ReadItemsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
                Confidence = reader.GetFloat(7),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(8),
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

    private static async Task<List<LearnedEntry>> ReadLearnedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11)));
        }

        return entries;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static void AddMessageKey(NpgsqlCommand command, MessageKey key, ReviewReason reason)
    {
        AddQuestion(command, key);
        command.Parameters.AddWithValue("reason", reason.ToString());
    }

    private static void AddQuestion(NpgsqlCommand command, MessageKey key)
    {
        command.Parameters.AddWithValue("channel", key.Channel);
        command.Parameters.AddWithValue("chat", key.ChatId);
        command.Parameters.AddWithValue("message", key.MessageId);
    }

    // a null has no type of its own: say which, or PostgreSQL cannot tell in "@status IS NULL"
    private static void AddText(NpgsqlCommand command, string name, string? value) => AddNullable(command, name, NpgsqlDbType.Text, value);

    private static void AddTime(NpgsqlCommand command, string name, DateTimeOffset? value) =>
        AddNullable(command, name, NpgsqlDbType.TimestampTz, value?.ToUniversalTime());

    private static void AddNullable(NpgsqlCommand command, string name, NpgsqlDbType type, object? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
}
