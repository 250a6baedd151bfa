using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SofaBot.Storage;

/// <summary>The state store in the embedded SQLite file (the default): one process, or several on one machine
/// sharing the file. The embedding cache lives in the same file, through <see cref="SqliteEmbeddingCache"/>.</summary>
internal sealed class SqliteStateStore(SqliteDatabase database) : IStateStore
{
    // microseconds, like PostgreSQL's timestamptz, so both stores give back the same instants; fixed width so that
    // comparing the text compares the times
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private readonly SqliteEmbeddingCache _embeddings = new(database);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // opening creates the schema
        await using var connection = await database.OpenAsync(cancellationToken);
    }

    public async Task<bool> TryReceiveAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO messages (channel, chat_id, message_id, payload, outcome, received_at, claimed_at)
            VALUES ($channel, $chat, $message, $payload, $outcome, $received, $received)
            ON CONFLICT DO NOTHING
            """;
        AddKey(command, message.Key);
        command.Parameters.AddWithValue("$payload", message.Payload);
        command.Parameters.AddWithValue("$outcome", nameof(MessageOutcome.Pending));
        command.Parameters.AddWithValue("$received", ToText(message.ReceivedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ClaimUnfinishedAsync(DateTimeOffset staleBefore, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // one statement holds the write lock from the choice to the update, so two callers never take the same rows
        command.CommandText = """
            UPDATE messages SET claimed_at = $now
            WHERE rowid IN (
                SELECT rowid FROM messages
                WHERE finished_at IS NULL AND claimed_at < $stale
                ORDER BY received_at, rowid
                LIMIT $max)
            RETURNING channel, chat_id, message_id, payload, received_at
            """;
        command.Parameters.AddWithValue("$now", ToText(now));
        command.Parameters.AddWithValue("$stale", ToText(staleBefore));
        command.Parameters.AddWithValue("$max", max);
        var claimed = new List<ReceivedMessage>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ReceivedMessage(
                    new MessageKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
                    reader.GetString(3),
                    FromText(reader.GetString(4))));
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
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE messages SET outcome = $outcome, detail = $detail, finished_at = $at
            WHERE channel = $channel AND chat_id = $chat AND message_id = $message
            """;
        AddKey(command, key);
        command.Parameters.AddWithValue("$outcome", outcome.ToString());
        command.Parameters.AddWithValue("$detail", detail);
        command.Parameters.AddWithValue("$at", ToText(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MessageState?> GetStateAsync(MessageKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT outcome, detail, received_at, finished_at FROM messages
            WHERE channel = $channel AND chat_id = $chat AND message_id = $message
            """;
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new MessageState(
            Enum.Parse<MessageOutcome>(reader.GetString(0)),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            FromText(reader.GetString(2)),
            reader.IsDBNull(3) ? null : FromText(reader.GetString(3)));
    }

    public async Task<ReceivedMessage?> GetReceivedAsync(MessageKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payload, received_at FROM messages
            WHERE channel = $channel AND chat_id = $chat AND message_id = $message
            """;
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReceivedMessage(key, reader.GetString(0), FromText(reader.GetString(1)))
            : null;
    }

    public async Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM cursors WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    public async Task SetCursorAsync(string name, long value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO cursors (name, value) VALUES ($name, $value)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        _embeddings.GetAsync(model, keys, cancellationToken);

    public Task PutAsync(string model, IReadOnlyList<(string Key, float[] Vector)> items, CancellationToken cancellationToken) =>
        _embeddings.PutAsync(model, items, cancellationToken);

    private static void AddKey(SqliteCommand command, MessageKey key)
    {
        command.Parameters.AddWithValue("$channel", key.Channel);
        command.Parameters.AddWithValue("$chat", key.ChatId);
        command.Parameters.AddWithValue("$message", key.MessageId);
    }

    /// <summary>A time as the SQLite store keeps it (also the review store's): UTC text to the microsecond.</summary>
    internal static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    internal static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
