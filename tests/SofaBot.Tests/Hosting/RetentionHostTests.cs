using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SofaBot.Hosting;
using SofaBot.Retrieval.Vectors;
using SofaBot.Storage;
using SofaBot.Tests.Embeddings;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Hosting;

/// <summary>The retention sweep in the real host (<see cref="RetentionService"/>): months later the old state is
/// gone, what was learned still loads and exports, unused cached vectors go, and bad settings stop start-up naming
/// the key. Time moves by <see cref="InstantTime"/>; the sweep is run by hand rather than waited for.</summary>
public sealed class RetentionHostTests
{
    private const string LearnedQuestion = "Layotto 支持 WebAssembly 吗";
    private const string LearnedAnswer = "支持。Layotto 可以把 WebAssembly 模块作为 FaaS 函数运行。";

    [Fact]
    public async Task Months_later_the_sweep_deletes_old_messages_and_decided_items_and_what_was_learned_still_loads_and_exports()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(LearnedQuestion);
        using (var approved = await bed.ApproveAsync((await bed.PendingItemAsync(LearnedQuestion)).GetProperty("id").GetInt64(), new { text = LearnedAnswer }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        // a suggest: its item stays pending (never deleted, however old)
        await bed.AskAsync("jraft 怎么做快照");
        var state = bed.Bot.Services.GetRequiredService<IStateStore>();
        var pending = new MessageKey("local", "pending-chat", "never-finished");
        await state.TryReceiveAsync(new ReceivedMessage(pending, "{}", bed.Bot.Time.GetUtcNow()), CancellationToken.None);
        Assert.Equal(2, await CountAsync(bed, "SELECT count(*) FROM messages WHERE finished_at IS NOT NULL"));

        bed.Bot.Time.Advance(TimeSpan.FromDays(200));
        Assert.True(await bed.Bot.Services.GetRequiredService<RetentionService>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await CountAsync(bed, "SELECT count(*) FROM messages WHERE finished_at IS NOT NULL"));
        Assert.Equal(MessageOutcome.Pending, (await state.GetStateAsync(pending, CancellationToken.None))!.Outcome);
        var left = Assert.Single(await bed.ItemsAsync("all"));
        Assert.Equal("pending", left.GetProperty("status").GetString());
        Assert.Equal("jraft 怎么做快照", left.GetProperty("question").GetString());
        Assert.Equal(1, await CountAsync(bed, "SELECT count(*) FROM learned"));

        // a restart re-applies the learned pair from the store: it answers, though its review item is gone
        await bed.RestartAsync();
        var index = await bed.Bot.Services.GetRequiredService<KnowledgeIndexService>().GetAsync(CancellationToken.None);
        var learned = Assert.Single(index.Learned);
        Assert.Equal(LearnedQuestion, learned.Question);
        Assert.Equal(LearnedAnswer, learned.Answer);

        // and it exports as before
        await bed.Bot.StopAsync();
        using var export = new TempDirectory();
        var environment = new Dictionary<string, string> { ["Storage__Sqlite__ConnectionString"] = $"Data Source={bed.State.Combine("sofabot.db")}" };
        var (exit, output, error) = await ProgramProcess.RunAsync(export.Path, environment, "corpus", "export-learned", "--out", export.Combine("learned.md"));
        Assert.True(exit == 0, error);
        Assert.Contains("Wrote 1 learned pair to ", output, StringComparison.Ordinal);
        Assert.Contains(LearnedAnswer, await File.ReadAllTextAsync(export.Combine("learned.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_remote_embedder_vectors_of_other_models_and_gone_texts_are_deleted_and_the_corpus_vectors_stay()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var folder = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(folder, new Dictionary<string, string?>
        {
            ["Retrieval:Embedder"] = "OpenAI",
            ["Retrieval:OpenAI:Endpoint"] = server.Endpoint,
            ["Retrieval:OpenAI:Model"] = "fake-embedding",
            ["Retrieval:Snapshot:Enabled"] = "false",
        });
        var index = await bot.Services.GetRequiredService<KnowledgeIndexService>().GetAsync(CancellationToken.None);
        Assert.True(index.Retriever.HasVectors);
        var units = index.Retriever.Count;
        var cache = bot.Services.GetRequiredService<IEmbeddingCache>();
        await cache.PutAsync("older-embedding", [("a", [1f])], CancellationToken.None);
        await cache.PutAsync("fake-embedding", [(CachingEmbeddingGenerator.Key("a question no longer in the corpus"), [1f])], CancellationToken.None);
        Assert.Equal(units + 2, await CountAsync(folder, "SELECT count(*) FROM embedding_cache"));

        Assert.True(await bot.Services.GetRequiredService<RetentionService>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(units, await CountAsync(folder, "SELECT count(*) FROM embedding_cache WHERE model = 'fake-embedding'"));
        Assert.Equal(0, await CountAsync(folder, "SELECT count(*) FROM embedding_cache WHERE model <> 'fake-embedding'"));
    }

    [Fact]
    public async Task With_the_offline_embedder_the_cache_is_left_alone_for_the_next_start_with_a_remote_one()
    {
        using var folder = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(folder);
        await bot.Services.GetRequiredService<IEmbeddingCache>().PutAsync("fake-embedding", [("a", [1f])], CancellationToken.None);

        Assert.True(await bot.Services.GetRequiredService<RetentionService>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, await CountAsync(folder, "SELECT count(*) FROM embedding_cache"));
    }

    [Fact]
    public async Task Bad_retention_settings_stop_start_up_naming_the_key()
    {
        var storage = await StartFailureAsync(new() { ["Storage:RetainMessagesDays"] = "-1", ["Storage:RetentionSweepHours"] = "1000" });
        var review = await StartFailureAsync(new() { ["Review:RetainDays"] = "7" });

        Assert.Contains("Storage:RetainMessagesDays is -1; use 0 (keep for ever) or 1 to 3650", storage, StringComparison.Ordinal);
        Assert.Contains("Storage:RetentionSweepHours is 1000; use 0 (never sweep) or 1 to 720", storage, StringComparison.Ordinal);
        Assert.Contains("Review:RetainDays is 7, shorter than Review:RememberVerdictDays (30)", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_keeps_everything()
    {
        await using var bed = await ReviewBed.StartAsync(new() { ["Storage:RetainMessagesDays"] = "0", ["Review:RetainDays"] = "0" });
        await bed.AskAsync(LearnedQuestion);
        using (var rejected = await bed.RejectAsync((await bed.PendingItemAsync(LearnedQuestion)).GetProperty("id").GetInt64()))
        {
            rejected.EnsureSuccessStatusCode();
        }

        bed.Bot.Time.Advance(TimeSpan.FromDays(5000));
        Assert.True(await bed.Bot.Services.GetRequiredService<RetentionService>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, await CountAsync(bed, "SELECT count(*) FROM messages"));
        Assert.Single(await bed.ItemsAsync("all"));
    }

    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var state = new TempDirectory();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => BotUnderTest.StartAsync(state, settings));
        return e.Message;
    }

    private static Task<long> CountAsync(ReviewBed bed, string sql) => CountAsync(bed.State, sql);

    private static async Task<long> CountAsync(TempDirectory state, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={state.Combine("sofabot.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
