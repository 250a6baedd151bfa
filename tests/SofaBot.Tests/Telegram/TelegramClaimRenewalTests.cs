using Microsoft.Extensions.DependencyInjection;
using SofaBot.Messaging;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Telegram;

/// <summary>A healthy replica keeps its claim on a message that waits longer than the claim timeout (its reply held
/// at Telegram), so another replica starting meanwhile does not take it and answer it a second time.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class TelegramClaimRenewalTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_message_a_healthy_replica_still_works_on_is_answered_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            await using var server = await FakeTelegramServer.StartAsync();
            var settings = ReplicaSettings.WithTelegram(database, server);
            settings["Chat:ClaimTimeoutSeconds"] = "60";
            var time = new InstantTime();
            using var stateA = new TempDirectory();
            using var stateB = new TempDirectory();
            await using var first = await BotUnderTest.StartAsync(stateA, settings, time);

            server.Hold(Updates.Group);
            await server.WaitConfirmedAsync(server.Push(Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.AnswerableQuestion}")));
            await server.WaitForSendAttemptAsync(Updates.Group);

            // the reply has waited longer than the claim timeout; the replica working on it renews its claim
            time.Advance(TimeSpan.FromSeconds(90));
            Assert.Equal(1, await first.Services.GetRequiredService<ClaimKeeper>().RenewOnceAsync(CancellationToken.None));

            // another replica starts now and looks for stale claims at once
            await using var second = await BotUnderTest.StartAsync(stateB, settings, time);
            server.Release(Updates.Group);
            await first.IdleAsync();
            await second.IdleAsync();

            Assert.Single(server.SentTo(Updates.Group));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
