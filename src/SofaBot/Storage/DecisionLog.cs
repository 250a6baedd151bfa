using System.Data.Common;
using System.Text.Json;
using SofaBot.Answering;
using SofaBot.Json;

namespace SofaBot.Storage;

/// <summary>The decision log (table <c>decision_log</c>) in the state store's database: replicas append side by
/// side; a reply is found whichever replica sent the message it replies to. The lists are kept as plain JSON.</summary>
internal class DecisionLog(StoreDatabase database) : IDecisionLog
{
    private const string Columns = "id, channel, chat_id, message_id, question, bot_message_id, kind, answered, shown_json, top_pair, top_turn, features_json, confidence, may_answer, at";

    private static readonly JsonSerializerOptions Json = PlainJson.Web();

    public async Task<DecisionRecord> AddAsync(DecisionRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO decision_log (channel, chat_id, message_id, question, bot_message_id, kind, answered, shown_json, top_pair, top_turn, features_json, confidence, may_answer, at)
            VALUES (@channel, @chat, @message, @question, @bot, @kind, @answered, @shown, @top, @turn, @features, @confidence, @may, @at)
            RETURNING id
            """;
        StateStore.AddKey(command, record.Question);
        command.Add("question", record.QuestionText);
        command.Add("bot", record.BotMessageId);
        command.Add("kind", record.Kind.ToString());
        command.Add("answered", record.Answered);
        command.Add("shown", JsonSerializer.Serialize(record.Shown, Json));
        command.Add("top", record.Top?.PairId);
        command.Add("turn", record.Top?.Turn);
        command.Add("features", JsonSerializer.Serialize(record.Features, Json));
        command.AddReal("confidence", record.Confidence);
        command.Add("may", record.MayAnswer);
        database.Dialect.AddTime(command, "at", record.At);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return record with { Id = id };
    }

    public async Task<DecisionRecord?> FindByBotMessageAsync(string channel, string chatId, string botMessageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM decision_log
            WHERE channel = @channel AND chat_id = @chat AND bot_message_id = @bot
            ORDER BY id DESC LIMIT 1
            """;
        command.Add("channel", channel);
        command.Add("chat", chatId);
        command.Add("bot", botMessageId);
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM decision_log ORDER BY id";
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM decision_log WHERE at >= @since ORDER BY id";
        database.Dialect.AddTime(command, "since", since);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Every row the command selects (<see cref="Columns"/>), in order.</summary>
    private async Task<List<DecisionRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<DecisionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new DecisionRecord
            {
                Id = reader.GetInt64(0),
                Question = new MessageKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)),
                QuestionText = reader.GetString(4),
                BotMessageId = reader.GetNullableString(5),
                Kind = Enum.Parse<DecisionKind>(reader.GetString(6)),
                Answered = reader.GetBoolean(7),
                Shown = JsonSerializer.Deserialize<List<ShownPairId>>(reader.GetString(8), Json) ?? [],
                Top = reader.IsDBNull(9) ? null : new ShownPairId(reader.GetString(9), reader.GetInt32(10)),
                Features = JsonSerializer.Deserialize<Dictionary<string, float>>(reader.GetString(11), Json) ?? [],
                Confidence = reader.GetFloat(12),
                MayAnswer = reader.IsDBNull(13) ? null : reader.GetBoolean(13),
                At = database.Dialect.ReadTime(reader, 14),
            });
        }

        return records;
    }
}

/// <summary>The decision log in the embedded SQLite file.</summary>
internal sealed class SqliteDecisionLog(SqliteDatabase database) : DecisionLog(database);

/// <summary>The decision log in the shared PostgreSQL database.</summary>
internal sealed class PostgresDecisionLog(PostgresDatabase database) : DecisionLog(database);
