using System.Data.Common;

namespace SofaBot.Storage;

/// <summary>The decision log in the embedded SQLite file (table <c>decision_log</c>).</summary>
internal sealed class SqliteDecisionLog(SqliteDatabase database) : IDecisionLog
{
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
            SELECT {DecisionJson.Columns} FROM decision_log
            WHERE channel = $channel AND chat_id = $chat AND bot_message_id = $bot
            ORDER BY id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$chat", chatId);
        command.Parameters.AddWithValue("$bot", botMessageId);
        return (await DecisionJson.ReadAllAsync(command, Time, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DecisionJson.Columns} FROM decision_log ORDER BY id";
        return await DecisionJson.ReadAllAsync(command, Time, cancellationToken);
    }

    private static DateTimeOffset Time(DbDataReader reader, int column) => SqliteStateStore.FromText(reader.GetString(column));
}
