using SofaBot.Corpus;
using SofaBot.Embeddings;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Embeddings;

/// <summary>One test's world, all real but the embeddings service: a fake OpenAI server on loopback, a SQLite file
/// in a temp folder, a recording log, and retrievers over the bundled corpus built the way the host builds them
/// (<see cref="OpenAIEmbedderProvider"/>: the OpenAI generator behind the SQLite embedding cache).</summary>
public sealed class RemoteEmbedderBench : IAsyncDisposable
{
    private static readonly Lazy<KnowledgeBase> Bundled = new(() => TestCorpus.Load(TestPaths.BundledCorpus));
    private readonly List<IDisposable> _owned = [];

    private RemoteEmbedderBench(FakeOpenAIServer server) => Server = server;

    public FakeOpenAIServer Server { get; }

    public RecordingLoggerProvider Log { get; } = new();

    public TempDirectory Folder { get; } = new();

    /// <summary>The cache database a restart finds again.</summary>
    public string DatabaseFile => Folder.Combine("embeddings.db");

    public static KnowledgeBase Corpus => Bundled.Value;

    /// <summary>A paraphrase of 橙橙不是澄澄's question in the weekly of 2021-11-12 (the 3rd pair).</summary>
    public static (string Message, string PairId) ChineseQuestion { get; } = ("Raft 里为什么没有 observer 这种角色？ZooKeeper 里面就有", "sofa-weekly-20211112:3");

    /// <summary>子旦's question in the weekly of 2021-12-03 (the 2nd pair), asked in English.</summary>
    public static (string Message, string PairId) EnglishQuestion { get; } = ("What are the advantages of SOFARPC over Dubbo RPC? Any material to share?", "sofa-weekly-20211203:2");

    /// <summary>会飞的小胖子's question in the weekly of 2022-03-18 (the 2nd pair), asked in English.</summary>
    public static (string Message, string PairId) TengineQuestion { get; } = ("Can tengine use BabaSSL yet?", "sofa-weekly-20220318:2");

    public static async Task<RemoteEmbedderBench> StartAsync() => new(await FakeOpenAIServer.StartAsync());

    /// <summary>Options pointing at the fake: 64 dimensions asked for, small batches, a short timeout.</summary>
    public RetrievalOptions Options(string? endpoint = null, string model = "fake-embedding", int batchSize = 4, double timeoutSeconds = 5) => new()
    {
        Embedder = "OpenAI",
        OpenAI = new OpenAIEmbedderOptions
        {
            Endpoint = endpoint ?? Server.Endpoint,
            Model = model,
            ApiKey = "test-key",
            Dimensions = 64,
            BatchSize = batchSize,
            TimeoutSeconds = timeoutSeconds,
        },
    };

    /// <summary>What start-up does: index the corpus by words, then ask the embedder for vectors. Every call opens
    /// the database anew, as a restarted process would.</summary>
    public async Task<(QaRetriever Retriever, bool Vectors)> BuildAsync(RetrievalOptions? options = null, string? cacheFile = null, TimeProvider? time = null)
    {
        options ??= Options();
        // no pooling: a restart must not reuse the previous run's open connection
        var database = new SqliteDatabase($"Data Source={cacheFile ?? DatabaseFile};Pooling=False");
        _owned.Add(database);
        var retriever = new QaRetriever(TestCorpus.Catalog, new Synonyms(options.WordGroups), options, Log.CreateLogger<KnowledgeIndexBuilder>(), time);
        retriever.Add(Corpus.Pairs);
        var provider = new OpenAIEmbedderProvider(Microsoft.Extensions.Options.Options.Create(options), new SqliteEmbeddingCache(database), Log.CreateLogger<OpenAIEmbedderProvider>());
        var embedder = provider.Create(Corpus, retriever.Analyzer);
        _owned.Add(embedder);
        return (retriever, await retriever.UseEmbedderAsync(embedder));
    }

    /// <summary>The best candidate for a message, as the answering step would see it.</summary>
    public static async Task<Candidate> BestAsync(QaRetriever retriever, string message, RetrievalMode mode = RetrievalMode.Hybrid)
    {
        var candidates = await retriever.SearchAsync(retriever.Analyzer.Analyze(message), mode: mode);
        Assert.NotEmpty(candidates);
        return candidates[0];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Folder.Dispose();
    }
}
