using BenchmarkDotNet.Attributes;
using SofaBot.Retrieval.Units;
using SofaBot.Retrieval.Vectors;
using SofaBot.Retrieval;

namespace SofaBot.Benchmarks;

/// <summary>The steps of deciding about one message, each over all benchmark messages (results are per message).</summary>
[MemoryDiagnoser]
public class QueryPathBenchmarks
{
    private const int Messages = 85;

    private KnowledgeIndex _index = null!;
    private string[] _messages = [];
    private Query[] _queries = [];
    private float[][] _vectors = [];
    private VectorIndex _vectorIndex = null!;

    // synchronous: the in-process toolchain does not await an asynchronous set-up
    [GlobalSetup]
    public void SetUp()
    {
        var knowledgeBase = BenchmarkCorpus.Load();
        _index = BenchmarkCorpus.Builder().BuildAsync(knowledgeBase).GetAwaiter().GetResult();
        _messages = [.. BenchmarkCorpus.Messages(knowledgeBase).Take(Messages)];
        _queries = [.. _messages.Select(_index.Retriever.Analyzer.Analyze)];

        // the same vectors the retriever holds, in an index of their own, to time the scan alone
        var embedder = CorpusEmbeddingGenerator.Train(UnitSource.TrainingTexts(knowledgeBase.Pairs), _index.Retriever.Analyzer, BenchmarkCorpus.Retrieval.CorpusDimensions);
        _embedder = embedder;
        _vectors = [.. _messages.Select(m => embedder.GenerateAsync([m]).GetAwaiter().GetResult()[0].Vector.ToArray())];
        var units = embedder.GenerateAsync(UnitSource.TrainingTexts(knowledgeBase.Pairs).ToList()).GetAwaiter().GetResult();
        _vectorIndex = new VectorIndex(embedder.Dimensions, units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            _vectorIndex.Set(i, units[i].Vector.Span);
        }
    }

    private CorpusEmbeddingGenerator _embedder = null!;

    [Benchmark(OperationsPerInvoke = Messages, Description = "embed a message (corpus LSA)")]
    public async Task<int> Embed()
    {
        var length = 0;
        foreach (var message in _messages)
        {
            length += (await _embedder.GenerateAsync([message]))[0].Vector.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "vector top 40")]
    public int Vectors()
    {
        var found = 0;
        foreach (var vector in _vectors)
        {
            found += _vectorIndex.Search(vector, 40).Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "analyze a message")]
    public int Analyze()
    {
        var terms = 0;
        foreach (var message in _messages)
        {
            terms += _index.Retriever.Analyzer.Analyze(message).Terms.Count;
        }

        return terms;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "BM25F top 40")]
    public int Lexical()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            using var scores = _index.Retriever.Lexical.ScoreAll(query.Terms);
            found += scores.Top(40).Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "hybrid search")]
    public async Task<int> Search()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            found += (await _index.Retriever.SearchAsync(query)).Count;
        }

        return found;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "decide (gate, analyze, search, evidence)")]
    public async Task<int> Decide()
    {
        var answered = 0;
        foreach (var message in _messages)
        {
            answered += (int)(await _index.DecideAsync(message)).Kind;
        }

        return answered;
    }
}
