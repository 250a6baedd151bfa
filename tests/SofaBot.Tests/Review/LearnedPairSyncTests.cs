using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Answering;
using SofaBot.Hosting;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>Two replicas on one PostgreSQL database: what a maintainer teaches through one replica answers askers on
/// the other within seconds, without a restart.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class LearnedPairSyncTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_pair_learned_on_one_replica_answers_on_the_other_without_a_restart()
    {
        const string question = "Layotto 支持 WebAssembly 吗";
        const string answer = "支持。Layotto 可以把 WebAssembly 模块作为 FaaS 函数运行，见 layotto 文档的 WebAssembly 一节。";
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            var shared = ReplicaSettings.OnPostgres(database, new() { ["Review:LearnedSyncSeconds"] = "1" });
            await using var first = await ReviewBed.StartAsync(shared);
            await using var second = await ReviewBed.StartAsync(shared);
            var other = await second.Bot.Services.GetRequiredService<KnowledgeIndexService>().GetAsync(CancellationToken.None);
            Assert.NotEqual(DecisionKind.Answer, (await other.DecideAsync(question)).Kind);

            await first.AskAsync(question);
            var item = await first.PendingItemAsync(question);
            using var approved = await first.ApproveAsync(item.GetProperty("id").GetInt64(), new { text = answer });
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

            await Eventually.UntilAsync(async () => (await other.DecideAsync("layotto 能跑 WebAssembly 吗？")).Best?.Pair.Turns[0].Answer.Contains("FaaS", StringComparison.Ordinal) == true, "the second replica answering from the pair learned on the first");
            await second.AskAsync("layotto 能跑 WebAssembly 吗？", author: "bob");
            var reply = (await second.BotMessagesAsync())[^1].GetProperty("html").GetString();
            Assert.Contains("FaaS", reply, StringComparison.Ordinal);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
