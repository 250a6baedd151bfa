using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SofaBot.Messaging;
using SofaBot.Storage;

namespace SofaBot.Cli;

/// <summary><c>bench retention</c>: what the retention sweep does to a store that took many messages. It writes the
/// messages through the state store as the inbox does (record, then finish; the payload is the inbox's JSON of a
/// local-chat message), two thirds finished before the retention horizon; sweeps; then writes as many again as were
/// deleted, to show whether the database grows back or reuses the space (on PostgreSQL after a plain VACUUM, as
/// autovacuum runs it). Database size and process RSS at each step.
/// A fresh SQLite file in a temp folder, or a PostgreSQL database given with <c>--postgres</c> (its tables are
/// emptied first: never point it at a database in use).</summary>
internal static class RetentionBenchCommand
{
    private const int RetainDays = 30;

    public static Command Build()
    {
        var messages = new Option<int>("--messages") { Description = "How many messages to write", DefaultValueFactory = _ => 100_000 };
        var postgres = new Option<string?>("--postgres") { Description = "An Npgsql connection string of a scratch database (emptied first) instead of a temp SQLite file" };
        var command = new Command("retention", "Write many messages through the store, run the retention sweep, and show database size and RSS before and after") { messages, postgres };
        command.SetAction((parse, ct) => VerbRunner.RunGuardedAsync(parse, () =>
            RunAsync(parse.GetValue(messages), parse.GetValue(postgres), parse.InvocationConfiguration.Output, ct)));
        return command;
    }

    private static async Task<int> RunAsync(int count, string? postgres, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("sofabot-retention-");
        var file = Path.Combine(folder.FullName, "sofabot.db");
        StoreDatabase database = postgres is null ? new SqliteDatabase($"Data Source={file}") : new PostgresDatabase(postgres);
        try
        {
            var state = new StateStore(database);
            await state.InitializeAsync(cancellationToken);
            if (postgres is not null)
            {
                await ExecuteAsync(database, "TRUNCATE messages", cancellationToken);
            }

            var now = DateTimeOffset.UtcNow;
            var size = postgres is null ? (Func<Task<string>>)(() => Task.FromResult(Megabytes(SqliteBytes(file)))) : () => PostgresSizesAsync(database, cancellationToken);
            await output.WriteLineAsync($"{(postgres is null ? "SQLite " + file : "PostgreSQL")}: {count} messages through the state store as the inbox writes them, 2/3 finished over {RetainDays} days ago");

            var clock = Stopwatch.StartNew();
            await ReportAsync(output, "empty", size, clock);
            await WriteAsync(state, "first", count, now, cancellationToken);
            await ReportAsync(output, "written", size, clock);

            clock.Restart();
            var deleted = await new RetentionSweep(database).DeleteFinishedMessagesAsync(now.AddDays(-RetainDays), cancellationToken);
            await output.WriteLineAsync($"sweep: {deleted} messages deleted");
            await ReportAsync(output, "swept", size, clock);
            if (postgres is not null)
            {
                // what autovacuum does within a minute or so of a large delete: marks the dead rows' space free. The
                // bench writes faster than autovacuum wakes up; the bot does not
                clock.Restart();
                await ExecuteAsync(database, "VACUUM messages", cancellationToken);
                await ReportAsync(output, "vacuumed", size, clock);
            }

            clock.Restart();
            await WriteAsync(state, "second", deleted, now, cancellationToken, allRecent: true);
            await ReportAsync(output, $"{deleted} more written", size, clock);
            return 0;
        }
        finally
        {
            await database.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Records and finishes messages as the inbox does; every third finished recently, the rest 31 to 90
    /// days ago (or all recently).</summary>
    private static async Task WriteAsync(StateStore state, string batch, int count, DateTimeOffset now, CancellationToken cancellationToken, bool allRecent = false)
    {
        for (var i = 0; i < count; i++)
        {
            var age = allRecent || i % 3 == 0 ? TimeSpan.FromHours(i % 24) : TimeSpan.FromDays(RetainDays + 1 + (i % 60));
            var at = now - age;
            var message = new IncomingMessage
            {
                Key = new MessageKey("local", "local", $"{batch}-{i.ToString(CultureInfo.InvariantCulture)}"),
                Text = $"@SofaBot jraft 怎么做快照？第 {i} 个问题 how do I take a snapshot in SOFAJRaft",
                SenderId = "alice",
                SenderName = "alice",
                Addressing = Addressing.Mention,
                SentAt = at,
            };
            await state.TryReceiveAsync(new ReceivedMessage(message.Key, Inbox.Serialize(message), at), cancellationToken);
            await state.FinishAsync(message.Key, MessageOutcome.Replied, "answered from sofa-weekly-20211112:3", at.AddSeconds(1), cancellationToken);
        }
    }

    private static async Task ReportAsync(TextWriter output, string step, Func<Task<string>> size, Stopwatch clock)
    {
        using var process = Process.GetCurrentProcess();
        var database = await size();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{step,-22} database {database}   RSS {process.WorkingSet64 / 1024.0 / 1024.0,6:F0} MB   {clock.Elapsed.TotalSeconds,6:F1} s"));
    }

    // the main file alone: its WAL beside it is reset at each checkpoint and stays about 4 MB (1000 pages) long
    private static long SqliteBytes(string file) => new FileInfo(file).Length;

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0,8:F1} MB");

    // the table (with its TOAST) and its indexes apart: VACUUM makes a table's dead rows reusable at once, an emptied
    // index page only at a later VACUUM
    private static async Task<string> PostgresSizesAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_table_size('messages'), pg_indexes_size('messages')";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"{Megabytes(reader.GetInt64(0) + reader.GetInt64(1))} (table {Megabytes(reader.GetInt64(0)).Trim()}, indexes {Megabytes(reader.GetInt64(1)).Trim()})";
    }

    private static async Task ExecuteAsync(StoreDatabase database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
