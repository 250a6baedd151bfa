using System.Data.Common;
using SofaBot.Learning;
using SofaBot.Review;

namespace SofaBot.Storage;

/// <summary>The review queue, answer feedback and what was learned, in the state store's database. A decision and an
/// expiry are each one <c>UPDATE ... WHERE status = 'Pending'</c>: SQLite holds the file's write lock from that check
/// to the write, and on PostgreSQL a replica that waited for another's row lock re-reads the row, finds it decided and
/// changes nothing.</summary>
internal partial class ReviewStore(StoreDatabase database) : IReviewStore
{
    private const string ItemColumns = """
        id, channel, chat_id, message_id, reason, message_json, candidates_json, confidence, created_at, status,
        decided_by, decided_at, chosen, answer, note, review_chat_id, review_message_id, posted_at, post_error, decision_reason,
        asked_count, last_asked_at, draft_text, draft_model, draft_created_at, draft_candidate
        """;

    private const string LearnedColumns = """
        id, kind, pair_id, turn, question, answer, project_name, project_url, asker, approved_by, approved_at, review_item_id
        """;

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
        // the queue is worked from what most people wait for, then from what waits longest; history reads newest first
        var order = status == ReviewStatus.Pending ? "asked_count DESC, created_at, id" : "created_at DESC, id DESC";
        command.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE @status IS NULL OR status = @status
            ORDER BY {order}
            LIMIT @max
            """;
        command.Add("status", status?.ToString());
        command.Add("max", max);
        return await ReadItemsAsync(command, cancellationToken, ReviewItem.ListedAskers);
    }

    public async Task<IReadOnlyList<ReviewItem>> ListActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE created_at >= @since OR last_asked_at >= @since OR decided_at >= @since
            ORDER BY created_at, id
            """;
        database.Dialect.AddTime(command, "since", since);
        return await ReadItemsAsync(command, cancellationToken, ReviewItem.ListedAskers);
    }

    public async Task<ReviewItem?> FindByReviewMessageAsync(string chatId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM review_items
            WHERE review_chat_id = @chat AND review_message_id = @message
            ORDER BY id DESC
            LIMIT 1
            """;
        command.Add("chat", chatId);
        command.Add("message", messageId);
        return await ReadItemAsync(command, cancellationToken);
    }

    public async Task SetReviewMessageAsync(long id, string chatId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_items SET review_chat_id = @chat, review_message_id = @message WHERE id = @id";
        command.Add("id", id);
        command.Add("chat", chatId);
        command.Add("message", messageId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> SetDraftAsync(long id, ReviewDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // the first draft stays: a second one (another replica catching up) must not change what a maintainer reads
        command.CommandText = """
            UPDATE review_items SET draft_text = @text, draft_model = @model, draft_created_at = @at, draft_candidate = @candidate
            WHERE id = @id AND status = @pending AND draft_text IS NULL
            """;
        command.Add("id", id);
        command.Add("text", draft.Text);
        command.Add("model", draft.Model);
        database.Dialect.AddTime(command, "at", draft.CreatedAt);
        command.Add("candidate", draft.Candidate);
        command.Add("pending", nameof(ReviewStatus.Pending));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryClaimReviewPostAsync(long id, string holder, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // a compare-and-set in one statement: of two replicas, one changes the row and the other finds it claimed
        command.CommandText = """
            UPDATE review_items SET review_post_claimed_at = @now, review_post_claimed_by = @holder
            WHERE id = @id AND status = @pending AND review_message_id IS NULL
              AND (review_post_claimed_at IS NULL OR review_post_claimed_at < @stale OR review_post_claimed_by = @holder)
            """;
        command.Add("id", id);
        command.Add("holder", holder);
        command.Add("pending", nameof(ReviewStatus.Pending));
        database.Dialect.AddTime(command, "now", now);
        database.Dialect.AddTime(command, "stale", staleBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseReviewPostAsync(long id, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_items SET review_post_claimed_at = NULL, review_post_claimed_by = NULL WHERE id = @id AND review_post_claimed_by = @holder";
        command.Add("id", id);
        command.Add("holder", holder);
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
        // the compare-and-set: only a pending item changes
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                UPDATE review_items
                SET status = @status, decided_by = @by, decided_at = @at, chosen = @chosen, answer = @answer, note = @note
                WHERE id = @id AND status = 'Pending'
                RETURNING {ItemColumns}
                """;
            command.Add("id", id);
            command.Add("status", verdict.Status.ToString());
            command.Add("by", verdict.By);
            database.Dialect.AddTime(command, "at", verdict.At);
            command.Add("chosen", verdict.Chosen);
            command.Add("answer", verdict.Answer);
            command.Add("note", verdict.Note);
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
            WHERE status = 'Rejected' AND decided_at >= @since
                AND id IN (SELECT item_id FROM review_askers WHERE channel = @channel AND chat_id = @chat)
            ORDER BY decided_at DESC, id DESC
            """;
        command.Add("channel", channel);
        command.Add("chat", chatId);
        database.Dialect.AddTime(command, "since", decidedSince);
        return await ReadItemsAsync(command, cancellationToken);
    }

    public async Task MarkPostedAsync(long id, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_items SET posted_at = @at, post_error = @error WHERE id = @id";
        command.Add("id", id);
        database.Dialect.AddTime(command, "at", at);
        command.Add("error", error);
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

    public async Task<IReadOnlyList<ReviewItem>> ExpireAsync(DateTimeOffset askedBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // one statement, like DecideAsync: an item decided first is no longer pending here, and one expired first is
        // no longer pending there
        command.CommandText = $"""
            UPDATE review_items
            SET status = 'Expired', decided_by = NULL, decided_at = @now, note = 'expired'
            WHERE status = 'Pending' AND last_asked_at < @before
            RETURNING {ItemColumns}
            """;
        database.Dialect.AddTime(command, "now", now);
        database.Dialect.AddTime(command, "before", askedBefore);
        var expired = await ReadItemsAsync(command, cancellationToken, ReviewItem.ListedAskers);

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
            VALUES (@channel, @chat, @message, @user, @helpful, @at)
            ON CONFLICT (channel, chat_id, message_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at
            """;
        StateStore.AddKey(command, feedback.Question);
        command.Add("user", feedback.UserId);
        command.Add("helpful", feedback.Helpful);
        database.Dialect.AddTime(command, "at", feedback.At);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AnswerFeedback>> ListFeedbackAsync(MessageKey question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, helpful, at FROM answer_feedback
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            ORDER BY at, user_id
            """;
        StateStore.AddKey(command, question);
        var feedback = new List<AnswerFeedback>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            feedback.Add(new AnswerFeedback(question, reader.GetString(0), reader.GetBoolean(1), database.Dialect.ReadTime(reader, 2)));
        }

        return feedback;
    }

    public async Task<LearnedEntry> AddLearnedAsync(LearnedEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        // the row and its pair id are committed together, never one without the other (on SQLite the transaction
        // takes the write lock at its start: Microsoft.Data.Sqlite begins IMMEDIATE)
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO learned (kind, pair_id, turn, question, answer, project_name, project_url, asker, approved_by,
                    approved_at, review_item_id)
                VALUES (@kind, @pair, @turn, @question, @answer, @project_name, @project_url, @asker, @approved_by,
                    @approved_at, @review_item)
                RETURNING id
                """;
            insert.Add("kind", entry.Kind.ToString());
            insert.Add("pair", entry.PairId);
            insert.Add("turn", entry.Turn);
            insert.Add("question", entry.Question);
            insert.Add("answer", entry.Answer);
            insert.Add("project_name", entry.ProjectName);
            insert.Add("project_url", entry.ProjectUrl);
            insert.Add("asker", entry.Asker);
            insert.Add("approved_by", entry.ApprovedBy);
            database.Dialect.AddTime(insert, "approved_at", entry.ApprovedAt);
            insert.Add("review_item", entry.ReviewItemId);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        if (entry.Kind == LearnedKind.Pair)
        {
            // a new pair is known by its own row id
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE learned SET pair_id = @pair WHERE id = @id";
            update.Add("id", id);
            update.Add("pair", LearnedPairs.IdFor(id));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        LearnedEntry stored;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {LearnedColumns} FROM learned WHERE id = @id";
            select.Add("id", id);
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

    private async Task<ReviewItem?> GetAsync(DbConnection connection, long id, CancellationToken cancellationToken, int? askersPerItem = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ItemColumns} FROM review_items WHERE id = @id";
        command.Add("id", id);
        var items = await ReadItemsAsync(command, cancellationToken, askersPerItem);
        return items.Count == 0 ? null : items[0];
    }

    private async Task<ReviewItem?> ReadItemAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = await ReadItemsAsync(command, cancellationToken);
        return items.Count == 0 ? null : items[0];
    }

    /// <summary>The rows of <see cref="ItemColumns"/>, in order, with their askers (all, or the first
    /// <paramref name="askersPerItem"/> of each).</summary>
    private async Task<List<ReviewItem>> ReadItemsAsync(DbCommand command, CancellationToken cancellationToken, int? askersPerItem = null)
    {
        var time = database.Dialect;
        var items = new List<ReviewItem>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadItem(reader, time));
            }
        }

        // the askers after the items: a connection reads one result at a time
        return await WithAskersAsync(command.Connection!, command.Transaction, items, askersPerItem, cancellationToken);
    }

    private static ReviewItem ReadItem(DbDataReader reader, Dialects.SqlDialect time) => new()
    {
        Id = reader.GetInt64(0),
        Reason = Enum.Parse<ReviewReason>(reader.GetString(4)),
        Message = ReviewJson.ReadMessage(reader.GetString(5)),
        Candidates = ReviewJson.ReadCandidates(reader.GetString(6)),
        Confidence = reader.GetFloat(7),
        CreatedAt = time.ReadTime(reader, 8),
        Status = Enum.Parse<ReviewStatus>(reader.GetString(9)),
        DecidedBy = reader.GetNullableString(10),
        DecidedAt = time.ReadNullableTime(reader, 11),
        Chosen = reader.IsDBNull(12) ? null : reader.GetInt32(12),
        Answer = reader.GetNullableString(13),
        Note = reader.GetNullableString(14),
        ReviewChatId = reader.GetNullableString(15),
        ReviewMessageId = reader.GetNullableString(16),
        PostedAt = time.ReadNullableTime(reader, 17),
        PostError = reader.GetNullableString(18),
        DecisionReason = reader.GetNullableString(19),
        AskedCount = reader.GetInt32(20),
        LastAskedAt = time.ReadNullableTime(reader, 21),
        Draft = reader.IsDBNull(22) ? null : new ReviewDraft(reader.GetString(22), reader.GetNullableString(23) ?? "", time.ReadTime(reader, 24), reader.GetInt32(25)),
    };

    /// <summary>The rows of <see cref="LearnedColumns"/>, in order.</summary>
    private async Task<List<LearnedEntry>> ReadLearnedAsync(DbCommand command, CancellationToken cancellationToken)
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
                reader.GetNullableString(5),
                reader.GetNullableString(6),
                reader.GetNullableString(7),
                reader.GetNullableString(8),
                reader.GetString(9),
                database.Dialect.ReadTime(reader, 10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11)));
        }

        return entries;
    }

    private static void AddMessageKey(DbCommand command, MessageKey key, ReviewReason reason)
    {
        StateStore.AddKey(command, key);
        command.Add("reason", reason.ToString());
    }
}

/// <summary>The review store in the embedded SQLite file.</summary>
internal sealed class SqliteReviewStore(SqliteDatabase database) : ReviewStore(database);

/// <summary>The review store in the shared PostgreSQL database.</summary>
internal sealed class PostgresReviewStore(PostgresDatabase database) : ReviewStore(database);
