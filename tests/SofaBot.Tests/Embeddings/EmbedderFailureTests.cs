using Microsoft.Extensions.Logging;
using SofaBot.Retrieval;

namespace SofaBot.Tests.Embeddings;

/// <summary>A service that is down or answers nonsense at start-up: the retriever stays up on words alone, and one
/// warning says what went wrong.</summary>
public sealed class EmbedderFailureTests
{
    [Fact]
    public async Task A_refused_connection_falls_back_to_words_with_one_warning()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();

        var (retriever, vectors) = await bench.BuildAsync(bench.Options(endpoint: FakeOpenAIServer.RefusedEndpoint()));

        // "Connection refused" on Linux and macOS, "... actively refused it" on Windows
        await AssertFellBackToWordsAsync(bench, retriever, vectors, "(?i)refused");
        Assert.Empty(bench.Server.Requests);
    }

    [Theory]
    [InlineData(FakeBehaviour.ServerError, @"(?s)HTTP 500\b.*the fake is down")]
    [InlineData(FakeBehaviour.Hang, @"exceeded the configured timeout")]
    [InlineData(FakeBehaviour.WrongDimensions, "returned a vector of 32 dimensions where 64 were expected")]
    [InlineData(FakeBehaviour.MixedDimensions, "returned a vector of 32 dimensions where 64 were expected")]
    [InlineData(FakeBehaviour.MalformedJson, "answered with malformed JSON")]
    [InlineData(FakeBehaviour.WrongCount, @"returned \d+ embeddings for \d+ texts")]
    public async Task A_failing_service_falls_back_to_words_with_one_warning_saying_why(FakeBehaviour behaviour, string why)
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        bench.Server.Behaviour = behaviour;

        var (retriever, vectors) = await bench.BuildAsync(bench.Options(timeoutSeconds: 0.5));

        await AssertFellBackToWordsAsync(bench, retriever, vectors, why);
        Assert.NotEmpty(bench.Server.Requests);
    }

    private static async Task AssertFellBackToWordsAsync(RemoteEmbedderBench bench, QaRetriever retriever, bool vectors, string why)
    {
        Assert.False(vectors);
        Assert.False(retriever.HasVectors);

        var warning = Assert.Single(bench.Log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal((LogLevel.Warning, 2001), (warning.Level, warning.EventId.Id));
        Assert.Matches(why, warning.Message);
        Assert.Contains("lexical only", warning.Message, StringComparison.Ordinal);

        // messages are still answered, by words, without waiting on the service again
        var before = bench.Server.Requests.Count;
        foreach (var (message, pairId) in new[] { RemoteEmbedderBench.ChineseQuestion, RemoteEmbedderBench.TengineQuestion })
        {
            var best = await RemoteEmbedderBench.BestAsync(retriever, message);
            Assert.Equal(pairId, best.Pair.Id);
            Assert.Equal(0, best.Vector);
        }

        Assert.Equal(before, bench.Server.Requests.Count);
    }
}
