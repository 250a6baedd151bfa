using Microsoft.Data.Sqlite;
using SofaBot.Answering;

namespace SofaBot.Storage;

/// <summary>The decision log in the embedded SQLite file (table <c>decision_log</c>).</summary>
internal sealed class SqliteDecisionLog(SqliteDatabase database) : IDecisionLog
{
    private const string Columns = "id, channel, chat_id, message_id, question, bot_message_id, kind, answered, shown_json, top_pair, top_turn, features_json, confidence, may_answer, at";

    public async Task<DecisionRecord> AddAsync(DecisionRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO decision_log (channel, chat_id, message_id, question, bot_message_id, kind, answered, shown_json, top_pair, top_turn, features_json, confidence, may_answer, at)
            VALUES ($channel, $chat, $message, $question, $bot, $kind, $answered, $shown, $top, $turn, $features, $confidence, $may, $at)
            RETURNING id
            """;
        command.Parameters.AddWithValue("$channel", record.Question.Channel);
        command.Parameters.AddWithValue("$chat", record.Question.ChatId);
        command.Parameters.AddWithValue("$message", record.Question.MessageId);
        command.Parameters.AddWithValue("$question", record.QuestionText);
        command.Parameters.AddWithValue("$bot", (object?)record.BotMessageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$kind", record.Kind.ToString());
        command.Parameters.AddWithValue("$answered", record.Answered);
        command.Parameters.AddWithValue("$shown", DecisionJson.Write(record.Shown));
        command.Parameters.AddWithValue("$top", (object?)record.Top?.PairId ?? DBNull.Value);
        command.Parameters.AddWithValue("$turn", (object?)record.Top?.Turn ?? DBNull.Value);
        command.Parameters.AddWithValue("$features", DecisionJson.Write(record.Features));
        command.Parameters.AddWithValue("$confidence", record.Confidence);
        command.Parameters.AddWithValue("$may", (object?)record.MayAnswer ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", SqliteStateStore.ToText(record.At));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return record with { Id = id };
    }

    public async Task<DecisionRecord?> FindByBotMessageAsync(string channel, string chatId, string botMessageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM decision_log
            WHERE channel = $channel AND chat_id = $chat AND bot_message_id = $bot
            ORDER BY id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$chat", chatId);
        command.Parameters.AddWithValue("$bot", botMessageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM decision_log ORDER BY id";
        var records = new List<DecisionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static DecisionRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Question = new MessageKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        QuestionText = reader.GetString(4),
        BotMessageId = reader.IsDBNull(5) ? null : reader.GetString(5),
        Kind = Enum.Parse<DecisionKind>(reader.GetString(6)),
        Answered = reader.GetBoolean(7),
        Shown = DecisionJson.ReadShown(reader.GetString(8)),
        Top = reader.IsDBNull(9) ? null : new ShownPairId(reader.GetString(9), reader.GetInt32(10)),
        Features = DecisionJson.ReadFeatures(reader.GetString(11)),
        Confidence = reader.GetFloat(12),
        MayAnswer = reader.IsDBNull(13) ? null : reader.GetBoolean(13),
        At = SqliteStateStore.FromText(reader.GetString(14)),
    };
}
