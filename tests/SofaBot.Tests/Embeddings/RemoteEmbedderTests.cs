using Microsoft.Extensions.Logging;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;

namespace SofaBot.Tests.Embeddings;

/// <summary>A healthy OpenAI-compatible service: the units get its vectors, sent in the configured batches, and
/// questions in either language find their pair with words and vectors together.</summary>
public sealed class RemoteEmbedderTests
{
    [Fact]
    public async Task A_healthy_service_embeds_every_unit_in_batches_no_larger_than_configured()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();

        var (retriever, vectors) = await bench.BuildAsync(bench.Options(batchSize: 4));

        Assert.True(vectors);
        Assert.True(retriever.HasVectors);
        var requests = bench.Server.Requests;
        Assert.All(requests, r => Assert.InRange(r.Inputs.Count, 1, 4));
        Assert.All(requests, r => Assert.Equal(("fake-embedding", 64), (r.Model, r.Dimensions)));

        // every unit's text went out, and none twice (the cache sits in front even on the first start)
        var sent = requests.SelectMany(r => r.Inputs).ToList();
        Assert.Equal(retriever.Count, sent.Count);
        Assert.Equal(sent.Count, sent.Distinct(StringComparer.Ordinal).Count());
        Assert.True(sent.Count > 4, "the corpus must need several batches for this test to say anything");
        Assert.DoesNotContain(bench.Log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_chinese_and_an_english_question_find_their_pair_with_words_and_vectors()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        var (retriever, _) = await bench.BuildAsync();

        foreach (var (message, pairId) in new[] { RemoteEmbedderBench.ChineseQuestion, RemoteEmbedderBench.EnglishQuestion })
        {
            var before = bench.Server.Requests.Count;
            var best = await RemoteEmbedderBench.BestAsync(retriever, message);

            Assert.Equal(pairId, best.Pair.Id);
            Assert.True(best.Vector > 0, $"{message}: the best candidate has no vector similarity");
            // the embedder gets the message as analysed: NFKC-folded (？ is ?), without chat register, near misses corrected
            Assert.Equal([Tokenizer.Nfkc(message)], Assert.Single(bench.Server.Requests.Skip(before)).Inputs);
        }
    }

    [Fact]
    public async Task The_service_vectors_alone_put_the_right_pair_first()
    {
        await using var bench = await RemoteEmbedderBench.StartAsync();
        var (retriever, _) = await bench.BuildAsync();

        // vectors only: each unit got its own text's vector, in the right slot
        var best = await RemoteEmbedderBench.BestAsync(retriever, RemoteEmbedderBench.ChineseQuestion.Message, RetrievalMode.Vector);

        Assert.Equal(RemoteEmbedderBench.ChineseQuestion.PairId, best.Pair.Id);
    }
}
