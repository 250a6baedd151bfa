using BenchmarkDotNet.Attributes;
using SofaBot.Corpus;

namespace SofaBot.Benchmarks;

/// <summary>Indexing the knowledge base: words, the corpus embedder's training, and the vectors of every unit.</summary>
[MemoryDiagnoser]
public class IndexBuildBenchmarks
{
    private KnowledgeBase _knowledgeBase = null!;

    [GlobalSetup]
    public void SetUp() => _knowledgeBase = BenchmarkCorpus.Load();

    [Benchmark(Description = "build the index")]
    public async Task<int> Build() => (await BenchmarkCorpus.Builder().BuildAsync(_knowledgeBase)).Retriever.Count;
}
