using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using SofaBot.Corpus;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary>With a remote embedder the snapshot keeps the corpus and the words; the units' vectors come from the
/// embedder again at each start (through its own cache in the real program), since they are the model's, not the
/// corpus's.</summary>
public sealed class SnapshotRemoteEmbedderTests
{
    [Fact]
    public async Task A_start_from_the_snapshot_asks_the_remote_embedder_for_the_unit_vectors_and_answers_alike()
    {
        using var bed = new SnapshotBed();
        var remote = new CountingEmbedderProvider();
        bed.Embedders.Add(remote);
        bed.Retrieval.Embedder = remote.Name;

        var first = await bed.StartAsync();
        var embeddedByBuild = remote.Embedded;
        var second = await bed.StartAsync();

        Assert.True(first.Built);
        Assert.True(second.ReadSnapshot);
        Assert.True(second.Index.Retriever.HasVectors);
        Assert.Equal(first.Index.Retriever.Count, embeddedByBuild);
        Assert.Equal(2 * embeddedByBuild, remote.Embedded);
        Assert.Equal(await SnapshotBed.DecisionsAsync(first.Index, SnapshotRoundTripTests.BundledQuestions), await SnapshotBed.DecisionsAsync(second.Index, SnapshotRoundTripTests.BundledQuestions));
    }

    /// <summary>Stands in for <c>OpenAI</c>: a vector per text from its hash, counting the texts of units it embeds.</summary>
    private sealed class CountingEmbedderProvider : IEmbedderProvider, IEmbeddingGenerator<string, Embedding<float>>
    {
        private int _embedded;

        public string Name => "OpenAI";

        public int Embedded => _embedded;

        public IEmbeddingGenerator<string, Embedding<float>> Create(KnowledgeBase knowledgeBase, Analyzer analyzer) => this;

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            if (options is null)
            {
                // units are embedded without options; a query is asked for uncached
                Interlocked.Add(ref _embedded, texts.Count);
            }

            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(Vector(t)))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private static float[] Vector(string text) =>
            [.. SHA256.HashData(Encoding.UTF8.GetBytes(text)).Select(b => (b - 127.5f) / 128f)];
    }
}
