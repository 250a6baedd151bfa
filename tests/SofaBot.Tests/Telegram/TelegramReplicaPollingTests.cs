using System.Diagnostics;
using SofaBot.Tests.Fixtures;
using Xunit.Abstractions;

namespace SofaBot.Tests.Telegram;

/// <summary>Replicas on one PostgreSQL database poll Telegram in turn: never two <c>getUpdates</c> at once (Telegram
/// answers the second with 409 Conflict and updates go back and forth), every update answered once, and another
/// replica takes over when the poller stops, cleanly or by <c>kill -9</c>.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class TelegramReplicaPollingTests(PostgresFixture postgres, ITestOutputHelper output)
{
    /// <summary>LogPolling's event id: the replica that logs it holds the lease.</summary>
    private const int PollingEvent = 3130;

    [Fact]
    public async Task Two_replicas_never_poll_at_once_and_the_other_takes_over_when_the_poller_stops()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            await using var server = await FakeTelegramServer.StartAsync();
            var settings = Settings(server, database);
            using var stateA = new TempDirectory();
            using var stateB = new TempDirectory();
            var replicas = new[] { await BotUnderTest.StartAsync(stateA, settings), await BotUnderTest.StartAsync(stateB, settings) };
            BotUnderTest? stopped = null;
            try
            {
                for (var i = 0; i < 6; i++)
                {
                    await server.WaitConfirmedAsync(server.Push(Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.AnswerableQuestion}")));
                }

                await server.WaitForSentAsync(6);
                var poller = Assert.Single(replicas, r => r.Logs.Entries.Any(e => e.EventId.Id == PollingEvent));

                stopped = poller;
                await poller.DisposeAsync();
                await server.WaitConfirmedAsync(server.Push(Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.AnswerableQuestion}")));

                var other = Assert.Single(replicas, r => r != poller);
                Assert.Contains(other.Logs.Entries, e => e.EventId.Id == PollingEvent);
                Assert.Equal(7, (await server.WaitForSentAsync(7)).Count);
                Assert.Equal(0, server.Conflicts);
            }
            finally
            {
                foreach (var replica in replicas.Where(r => r != stopped))
                {
                    await replica.DisposeAsync();
                }
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task After_kill_9_of_the_poller_another_replica_polls_within_the_lease()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            await using var server = await FakeTelegramServer.StartAsync();
            using var state = new TempDirectory();
            var environment = Settings(server, database).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
            environment["Corpus__Path"] = TestPaths.BundledCorpus;
            await using var first = await ServeProcess.StartAsync(state.Path, environment);
            await using var second = await ServeProcess.StartAsync(state.Path, environment);
            await server.WaitConfirmedAsync(server.Push(Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.AnswerableQuestion}")));
            await server.WaitForSentAsync(1);
            var poller = first.Output.Contains("polling for updates", StringComparison.Ordinal) ? first : second;
            var standby = poller == first ? second : first;

            await poller.KillAsync();
            var killed = Stopwatch.StartNew();
            await server.WaitConfirmedAsync(server.Push(Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.AnswerableQuestion}")));
            await server.WaitForSentAsync(2);

            // a figure for the README, not an assert: the machines are noisy
            output.WriteLine($"kill -9 to the next update answered by the other replica: {killed.Elapsed.TotalSeconds:0.0} s (Chat:LeaseSeconds 3)");
            Assert.Contains("polling for updates", standby.Output, StringComparison.Ordinal);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string?> Settings(FakeTelegramServer server, string database)
    {
        var settings = ReplicaSettings.WithTelegram(database, server);
        settings["Chat:LeaseSeconds"] = "3";
        return settings;
    }
}
