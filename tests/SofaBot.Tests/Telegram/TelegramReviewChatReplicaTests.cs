using Microsoft.Extensions.DependencyInjection;
using SofaBot.Review;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Telegram;

/// <summary>Replicas on one PostgreSQL database post each review item to the Telegram review chat once, whichever
/// opened it: one replica posting while another catches up (at its start, or every few minutes) is one message.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class TelegramReviewChatReplicaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_item_posted_by_one_replica_while_the_other_catches_up_is_posted_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            await using var server = await FakeTelegramServer.StartAsync();
            var settings = ReplicaSettings.WithTelegram(database, server);
            foreach (var (key, value) in TelegramBed.ReviewSettings)
            {
                settings[key] = value;
            }

            using var stateA = new TempDirectory();
            using var stateB = new TempDirectory();
            await using var first = await BotUnderTest.StartAsync(stateA, settings);
            await using var second = await BotUnderTest.StartAsync(stateB, settings);

            // the opener's post to the review chat is in flight (held at Telegram) when the replicas catch up
            server.Hold(Updates.ReviewChat);
            await server.WaitConfirmedAsync(server.Push(Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.SuggestedQuestion}")));
            await server.WaitForSendAttemptAsync(Updates.ReviewChat);
            var item = Assert.Single(await first.Services.GetRequiredService<ReviewQueue>().ListAsync(ReviewStatus.Pending, 10, CancellationToken.None));
            var catchingUp = new[] { first, second }.Select(r => r.Services.GetRequiredService<ReviewQueue>().AnnounceAsync(item, CancellationToken.None)).ToList();

            server.Release(Updates.ReviewChat);
            await Task.WhenAll(catchingUp);
            await first.IdleAsync();
            await second.IdleAsync();

            Assert.Single(server.SentTo(Updates.ReviewChat));
            Assert.NotNull((await first.Services.GetRequiredService<IReviewStore>().GetAsync(item.Id, CancellationToken.None))!.ReviewMessageId);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
