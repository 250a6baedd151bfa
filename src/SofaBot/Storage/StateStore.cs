using System.Data.Common;

namespace SofaBot.Storage;

/// <summary>The state store (<see cref="IStateStore"/>) in the process's <see cref="StoreDatabase"/>, SQLite or
/// PostgreSQL: the same statements on both, save the claim (<see cref="Dialects.SqlDialect.ClaimUnfinishedSql"/>).
/// The embedding cache lives in the same database, through <see cref="EmbeddingCache"/>.</summary>
internal class StateStore(StoreDatabase database) : IStateStore
{
    private readonly EmbeddingCache _embeddings = new(database);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // opening migrates the schema
        await using var connection = await database.OpenAsync(cancellationToken);
    }

    public async Task<bool> TryReceiveAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO messages (channel, chat_id, message_id, payload, outcome, received_at, claimed_at)
            VALUES (@channel, @chat, @message, @payload, @outcome, @received, @received)
            ON CONFLICT DO NOTHING
            """;
        AddKey(command, message.Key);
        command.Add("payload", message.Payload);
        command.Add("outcome", nameof(MessageOutcome.Pending));
        database.Dialect.AddTime(command, "received", message.ReceivedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ClaimUnfinishedAsync(DateTimeOffset staleBefore, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = database.Dialect.ClaimUnfinishedSql;
        database.Dialect.AddTime(command, "now", now);
        database.Dialect.AddTime(command, "stale", staleBefore);
        command.Add("max", max);
        var claimed = new List<ReceivedMessage>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ReceivedMessage(
                    new MessageKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
                    reader.GetString(3),
                    database.Dialect.ReadTime(reader, 4)));
            }
        }

        // RETURNING gives rows in no promised order
        return [.. claimed.OrderBy(m => m.ReceivedAt)];
    }

    public async Task RenewClaimsAsync(IReadOnlyCollection<MessageKey> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int PerStatement = 200;
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var batch in keys.Chunk(PerStatement))
        {
            await using var command = connection.CreateCommand();
            var matches = new List<string>(batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                matches.Add($"(channel = @c{i} AND chat_id = @h{i} AND message_id = @m{i})");
                command.Add($"c{i}", batch[i].Channel);
                command.Add($"h{i}", batch[i].ChatId);
                command.Add($"m{i}", batch[i].MessageId);
            }

            command.CommandText = $"UPDATE messages SET claimed_at = @now WHERE finished_at IS NULL AND ({string.Join(" OR ", matches)})";
            database.Dialect.AddTime(command, "now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<TimeSpan> TryTakeSendTurnAsync(string pace, DateTimeOffset now, TimeSpan minInterval, int? perMinute, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // read, decide and count in one transaction that holds the pace: two replicas never take the same turn
        await database.Dialect.LockNameAsync(connection, transaction, "pace:" + pace, cancellationToken);
        await using (var prune = connection.CreateCommand())
        {
            prune.Transaction = transaction;
            prune.CommandText = "DELETE FROM chat_sends WHERE pace = @pace AND sent_at <= @minuteAgo";
            prune.Add("pace", pace);
            database.Dialect.AddTime(prune, "minuteAgo", now - TimeSpan.FromMinutes(1));
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        long count;
        DateTimeOffset? oldest, last;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT count(*), min(sent_at), max(sent_at) FROM chat_sends WHERE pace = @pace";
            read.Add("pace", pace);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            count = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            oldest = database.Dialect.ReadNullableTime(reader, 1);
            last = database.Dialect.ReadNullableTime(reader, 2);
        }

        var wait = last is { } previous ? previous + minInterval - now : TimeSpan.Zero;
        if (perMinute is { } limit && count >= limit && oldest is { } first && first + TimeSpan.FromMinutes(1) - now > wait)
        {
            wait = first + TimeSpan.FromMinutes(1) - now;
        }

        if (wait <= TimeSpan.Zero)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO chat_sends (pace, sent_at) VALUES (@pace, @now)";
            insert.Add("pace", pace);
            database.Dialect.AddTime(insert, "now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            wait = TimeSpan.Zero;
        }

        await transaction.CommitAsync(cancellationToken);
        return wait;
    }

    public async Task FinishAsync(MessageKey key, MessageOutcome outcome, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (outcome == MessageOutcome.Pending)
        {
            throw new ArgumentException("a message is finished as Replied, Skipped or Failed, not Pending", nameof(outcome));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE messages SET outcome = @outcome, detail = @detail, finished_at = @at
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            """;
        AddKey(command, key);
        command.Add("outcome", outcome.ToString());
        command.Add("detail", detail);
        database.Dialect.AddTime(command, "at", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MessageState?> GetStateAsync(MessageKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT outcome, detail, received_at, finished_at FROM messages
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            """;
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new MessageState(
            Enum.Parse<MessageOutcome>(reader.GetString(0)),
            reader.GetNullableString(1),
            database.Dialect.ReadTime(reader, 2),
            database.Dialect.ReadNullableTime(reader, 3));
    }

    public async Task<ReceivedMessage?> GetReceivedAsync(MessageKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payload, received_at FROM messages
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            """;
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReceivedMessage(key, reader.GetString(0), database.Dialect.ReadTime(reader, 1))
            : null;
    }

    public async Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM cursors WHERE name = @name";
        command.Add("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    public async Task SetCursorAsync(string name, long value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO cursors (name, value) VALUES (@name, @value)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """;
        command.Add("name", name);
        command.Add("value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        _embeddings.GetAsync(model, keys, cancellationToken);

    public Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken) =>
        _embeddings.PutAsync(model, items, cancellationToken);

    /// <summary>The message's identity as <c>@channel</c>, <c>@chat</c>, <c>@message</c> (also the review store's).</summary>
    internal static void AddKey(DbCommand command, MessageKey key)
    {
        command.Add("channel", key.Channel);
        command.Add("chat", key.ChatId);
        command.Add("message", key.MessageId);
    }

    public async Task<bool> TryHoldLeaseAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // one statement, so two replicas racing for a free or expired lease cannot both win: the row is written by
        // exactly one of them, and the other's update finds a holder that is neither itself nor expired
        command.CommandText = """
            INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at < @now
            """;
        command.Add("name", name);
        command.Add("holder", holder);
        database.Dialect.AddTime(command, "until", until);
        database.Dialect.AddTime(command, "now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM leases WHERE name = @name AND holder = @holder";
        command.Add("name", name);
        command.Add("holder", holder);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkChatVouchedAsync(string channel, string chatId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO vouched_chats (channel, chat_id, vouched_at) VALUES (@channel, @chat, @at) ON CONFLICT DO NOTHING";
        command.Add("channel", channel);
        command.Add("chat", chatId);
        database.Dialect.AddTime(command, "at", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> IsChatVouchedAsync(string channel, string chatId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM vouched_chats WHERE channel = @channel AND chat_id = @chat";
        command.Add("channel", channel);
        command.Add("chat", chatId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}

// The provider-named stores the host registers (and the contract tests open): the behaviour is all in StateStore and
// the database's dialect; the name says which database is behind it.

/// <summary>The state store in the embedded SQLite file (the default).</summary>
internal sealed class SqliteStateStore(SqliteDatabase database) : StateStore(database);

/// <summary>The state store in a PostgreSQL database that several replicas share.</summary>
internal sealed class PostgresStateStore(PostgresDatabase database) : StateStore(database);
