using Npgsql;

namespace SofaBot.Storage;

/// <summary>The state store in a PostgreSQL database that several replicas share. Claims use
/// <c>FOR UPDATE SKIP LOCKED</c>, so replicas resuming at the same moment split the unfinished messages between
/// them instead of waiting on, or doubling, each other.</summary>
internal sealed class PostgresStateStore(PostgresDatabase database) : IStateStore
{
    private readonly PostgresEmbeddingCache _embeddings = new(database);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // opening creates the schema
        await using var connection = await database.OpenAsync(cancellationToken);
    }

    public async Task<bool> TryReceiveAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO messages (channel, chat_id, message_id, payload, outcome, received_at, claimed_at)
            VALUES (@channel, @chat, @message, @payload, @outcome, @received, @received)
            ON CONFLICT DO NOTHING
            """, connection);
        AddKey(command, message.Key);
        command.Parameters.AddWithValue("payload", message.Payload);
        command.Parameters.AddWithValue("outcome", nameof(MessageOutcome.Pending));
        command.Parameters.AddWithValue("received", message.ReceivedAt.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ClaimUnfinishedAsync(DateTimeOffset staleBefore, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH picked AS (
                SELECT channel, chat_id, message_id FROM messages
                WHERE finished_at IS NULL AND claimed_at < @stale
                ORDER BY received_at, channel, chat_id, message_id
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
            UPDATE messages m SET claimed_at = @now
            FROM picked p
            WHERE m.channel = p.channel AND m.chat_id = p.chat_id AND m.message_id = p.message_id
            RETURNING m.channel, m.chat_id, m.message_id, m.payload, m.received_at
            """, connection);
        command.Parameters.AddWithValue("stale", staleBefore.ToUniversalTime());
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("max", max);
        var claimed = new List<ReceivedMessage>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ReceivedMessage(
                    new MessageKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
                    reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        // RETURNING gives rows in no promised order
        return [.. claimed.OrderBy(m => m.ReceivedAt)];
    }

    public async Task FinishAsync(MessageKey key, MessageOutcome outcome, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (outcome == MessageOutcome.Pending)
        {
            throw new ArgumentException("a message is finished as Replied, Skipped or Failed, not Pending", nameof(outcome));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE messages SET outcome = @outcome, detail = @detail, finished_at = @at
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            """, connection);
        AddKey(command, key);
        command.Parameters.AddWithValue("outcome", outcome.ToString());
        command.Parameters.AddWithValue("detail", detail);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MessageState?> GetStateAsync(MessageKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT outcome, detail, received_at, finished_at FROM messages
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            """, connection);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new MessageState(
            Enum.Parse<MessageOutcome>(reader.GetString(0)),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    public async Task<ReceivedMessage?> GetReceivedAsync(MessageKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT payload, received_at FROM messages
            WHERE channel = @channel AND chat_id = @chat AND message_id = @message
            """, connection);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReceivedMessage(key, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    public async Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT value FROM cursors WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    public async Task SetCursorAsync(string name, long value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO cursors (name, value) VALUES (@name, @value)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        _embeddings.GetAsync(model, keys, cancellationToken);

    public Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken) =>
        _embeddings.PutAsync(model, items, cancellationToken);

    private static void AddKey(NpgsqlCommand command, MessageKey key)
    {
        command.Parameters.AddWithValue("channel", key.Channel);
        command.Parameters.AddWithValue("chat", key.ChatId);
        command.Parameters.AddWithValue("message", key.MessageId);
    }
}
