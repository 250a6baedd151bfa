using Microsoft.Extensions.Logging;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;

namespace SofaBot.Tests.Embeddings;

/// <summary>The service fails after start-up: the message is still answered by words, and the service is left
/// alone for <see cref="QaRetriever.QueryEmbeddingPause"/> instead of adding its failure to every message.</summary>
public sealed class QueryEmbeddingFailureTests
{
    [Fact]
    public async Task A_failure_on_a_question_answers_by_words_and_rests_the_service_for_a_while()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        var clock = new ManualClock();
        var (retriever, vectors) = await bench.BuildAsync(time: clock);
        Assert.True(vectors);

        bench.Server.Behaviour = FakeBehaviour.ServerError;
        var (message, pairId) = RemoteEmbedderBench.ChineseQuestion;
        var best = await RemoteEmbedderBench.BestAsync(retriever, message);

        Assert.Equal(pairId, best.Pair.Id);
        Assert.Equal(0, best.Vector);
        var warning = Assert.Single(bench.Log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(2002, warning.EventId.Id);
        Assert.Contains("HTTP 500", warning.Message, StringComparison.Ordinal);
        Assert.True(retriever.HasVectors, "the unit vectors are kept for when the service is back");

        // within the pause: answered by words, and the service is not asked
        var asked = bench.Server.Requests.Count;
        clock.Advance(QaRetriever.QueryEmbeddingPause / 2);
        var (english, englishPair) = RemoteEmbedderBench.EnglishQuestion;
        best = await RemoteEmbedderBench.BestAsync(retriever, english);
        Assert.Equal(englishPair, best.Pair.Id);
        Assert.Equal(0, best.Vector);
        Assert.Equal(asked, bench.Server.Requests.Count);

        // after it: vectors again
        bench.Server.Behaviour = FakeBehaviour.Healthy;
        clock.Advance(QaRetriever.QueryEmbeddingPause);
        best = await RemoteEmbedderBench.BestAsync(retriever, message);
        Assert.Equal(pairId, best.Pair.Id);
        Assert.True(best.Vector > 0);
        Assert.Equal([Tokenizer.Nfkc(message)], Assert.Single(bench.Server.Requests.Skip(asked)).Inputs); // the message as analysed
        Assert.Single(bench.Log.Entries, e => e.Level >= LogLevel.Warning);
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
