using Microsoft.Extensions.Logging;

namespace SofaBot.Tests.Embeddings;

/// <summary>The SQLite embedding cache: a restart does not pay for the corpus again, vectors of another model are
/// never reused, and a cache that cannot work does not stop the embedder.</summary>
public sealed class EmbeddingCacheTests
{
    [Fact]
    public async Task A_restart_takes_the_unit_vectors_from_the_cache_and_embeds_only_new_questions()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        var (first, _) = await bench.BuildAsync();
        var paidFor = bench.Server.Requests.Count;
        Assert.True(paidFor > 0);

        // a new process: a new database instance on the same file
        var (second, vectors) = await bench.BuildAsync();

        Assert.True(vectors);
        Assert.True(second.HasVectors);
        Assert.Equal(paidFor, bench.Server.Requests.Count);

        var (message, pairId) = RemoteEmbedderBench.EnglishQuestion;
        var best = await RemoteEmbedderBench.BestAsync(second, message);
        Assert.Equal(pairId, best.Pair.Id);
        Assert.True(best.Vector > 0);
        Assert.Equal([message], Assert.Single(bench.Server.Requests.Skip(paidFor)).Inputs);
        Assert.Equal(first.Count, second.Count);
    }

    [Fact]
    public async Task Another_model_does_not_reuse_the_cached_vectors()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        await bench.BuildAsync(bench.Options(model: "fake-embedding"));
        var before = bench.Server.Requests.Count;

        var (retriever, vectors) = await bench.BuildAsync(bench.Options(model: "another-embedding"));

        Assert.True(vectors);
        var requests = bench.Server.Requests.Skip(before).ToList();
        Assert.All(requests, r => Assert.Equal("another-embedding", r.Model));
        Assert.Equal(retriever.Count, requests.SelectMany(r => r.Inputs).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("a folder", "unable to open database file")]
    [InlineData("not a database", "file is not a database")]
    public async Task A_broken_cache_is_bypassed_with_a_warning_and_the_vectors_still_come_from_the_service(string cache, string why)
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        var file = cache == "a folder"
            ? Directory.CreateDirectory(bench.Folder.Combine("cache.db")).FullName
            : bench.Folder.Write("cache.db", string.Concat(Enumerable.Repeat("these bytes are no SQLite database. ", 200)));

        var (retriever, vectors) = await bench.BuildAsync(cacheFile: file);

        Assert.True(vectors);
        Assert.True(retriever.HasVectors);
        Assert.Equal(retriever.Count, bench.Server.Requests.SelectMany(r => r.Inputs).Distinct(StringComparer.Ordinal).Count());
        var (message, pairId) = RemoteEmbedderBench.ChineseQuestion;
        var best = await RemoteEmbedderBench.BestAsync(retriever, message);
        Assert.Equal(pairId, best.Pair.Id);
        Assert.True(best.Vector > 0);

        // one warning while the cache stays broken, not one per batch
        var warning = Assert.Single(bench.Log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(2005, warning.EventId.Id);
        Assert.Contains(why, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_not_kept_in_the_cache()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        var (message, _) = RemoteEmbedderBench.EnglishQuestion;
        var (first, _) = await bench.BuildAsync();
        await RemoteEmbedderBench.BestAsync(first, message);
        var before = bench.Server.Requests.Count;

        var (second, _) = await bench.BuildAsync();
        await RemoteEmbedderBench.BestAsync(second, message);

        Assert.Equal([message], Assert.Single(bench.Server.Requests.Skip(before)).Inputs);
    }
}
