using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Channels.Telegram;
using SofaBot.Messaging;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Vectors;
using SofaBot.Tests.Embeddings;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Learning;

/// <summary>An asker's wording a maintainer approved for a pair of the bundled corpus: found, it is the pair.</summary>
public sealed class AlternateQuestionTests
{
    // "是用什么 db 存储的?" (SOFARegistry, 2021-12-10): its own words share almost nothing with how people ask it
    private const string RegistryDb = "sofa-weekly-20211210:5";

    [Theory]
    [InlineData("注册中心的数据持久化放在哪个数据库里？")]
    [InlineData("Where is registry data persisted?")]
    public async Task An_approved_wording_finds_the_original_pair_first(string wording)
    {
        var index = await BundledIndexAsync();
        var before = await index.DecideAsync(wording);

        Assert.True(await index.LearnAsync(Learned.Alternate(1, RegistryDb, wording)));
        var after = await index.DecideAsync(wording);

        Assert.NotEqual(RegistryDb, before.Best?.Pair.Id);
        var best = after.Best!;
        Assert.Same(index.KnowledgeBase.Find(RegistryDb), best.Pair);
        Assert.Equal(0, best.Turn);
        Assert.True(after.Kind != DecisionKind.Ignore, after.Reason);
        Assert.True(best.Vector > 0.9, $"the wording was embedded too (cosine {best.Vector})");
    }

    [Fact]
    public async Task A_wording_for_a_follow_up_points_at_that_turn()
    {
        var index = await BundledIndexAsync();
        const string wording = "不同 session 节点之间的数据怎么同步";

        await index.LearnAsync(Learned.Alternate(1, "sofa-weekly-20211210:4", wording, turn: 1));
        var best = (await index.DecideAsync(wording)).Best!;

        Assert.Equal("sofa-weekly-20211210:4", best.Pair.Id);
        Assert.Equal(1, best.Turn);
    }

    [Fact]
    public async Task The_pair_is_one_candidate_however_many_of_its_units_match()
    {
        var index = await BundledIndexAsync();
        var question = index.KnowledgeBase.Find(RegistryDb)!.Question;
        await index.LearnAsync(Learned.Alternate(1, RegistryDb, "SOFARegistry 是用什么 db 存储的？"));
        await index.LearnAsync(Learned.Alternate(2, RegistryDb, "SOFARegistry 用什么数据库存储数据？"));

        var candidates = await index.Retriever.SearchAsync(index.Retriever.Analyzer.Analyze("SOFARegistry 用什么 db 存储数据"), top: 10);

        Assert.Single(candidates, c => c.Pair.Id == RegistryDb);
        Assert.Equal(candidates.Count, candidates.Select(c => c.Pair.Id).Distinct().Count());
        Assert.Equal(RegistryDb, candidates[0].Pair.Id);
        Assert.Contains(question, candidates[0].Pair.Question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_evidence_for_a_match_through_a_wording_reads_the_wordings_terms()
    {
        var index = await BundledIndexAsync();
        const string wording = "注册中心的数据持久化放在哪个数据库里？";
        var before = await index.DecideAsync(wording);

        await index.LearnAsync(Learned.Alternate(1, RegistryDb, wording));
        var after = await index.DecideAsync(wording);

        var unit = index.Retriever.Unit(after.Best!.Unit);
        Assert.True(unit.IsAlternate);
        Assert.Equal(wording, unit.AlternateQuestion);
        Assert.Same(after.Best.Pair, unit.Pair);
        Assert.True(before.Evidence!.QuestionCoverage < 0.5, $"before: {before.Evidence.QuestionCoverage}");
        Assert.True(after.Evidence!.QuestionCoverage > 0.95, $"after: {after.Evidence.QuestionCoverage}");
    }

    [Fact]
    public async Task The_reply_quotes_the_original_question_and_answer()
    {
        var index = await BundledIndexAsync();
        const string wording = "注册中心的数据持久化放在哪个数据库里？";
        await index.LearnAsync(Learned.Alternate(1, RegistryDb, wording));

        var reply = TelegramReplyHtml.Render(new AnswerReply((await index.DecideAsync(wording)).Best!, 500, English: false), "@SofaBot");

        Assert.Contains("<blockquote>是用什么 db 存储的?</blockquote>", reply, StringComparison.Ordinal);
        Assert.Contains("蚂蚁内部的 db 普遍都是 ob", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("持久化", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wording_for_a_turn_the_pair_does_not_have_is_refused()
    {
        var index = await BundledIndexAsync();
        var pair = index.KnowledgeBase.Find(RegistryDb)!;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => index.Retriever.AddAlternateAsync(pair, 1, "另一种问法"));
        await Assert.ThrowsAsync<ArgumentException>(() => index.Retriever.AddAlternateAsync(pair, 0, "  "));
    }

    [Fact]
    public async Task An_embedder_failing_on_the_wording_leaves_it_found_by_its_words()
    {
        var corpus = TestCorpus.Load(TestPaths.BundledCorpus);
        var options = TestIndex.RetrievalOptions();
        var logs = new RecordingLoggerProvider();
        var retriever = new QaRetriever(TestCorpus.Catalog, new Synonyms(options.WordGroups), options, logs.CreateLogger("retriever"));
        retriever.Add(corpus.Pairs);
        using var embedder = new BreakableEmbedder(new CorpusEmbedderProvider(Options.Create(options)).Create(corpus, retriever.Analyzer)!);
        Assert.True(await retriever.UseEmbedderAsync(embedder));
        embedder.Broken = true;
        const string wording = "注册中心的数据持久化放在哪个数据库里？";

        await retriever.AddAlternateAsync(corpus.Find(RegistryDb)!, 0, wording);
        var best = (await retriever.SearchAsync(retriever.Analyzer.Analyze(wording), mode: RetrievalMode.Lexical))[0];

        Assert.Equal(RegistryDb, best.Pair.Id);
        Assert.Single(logs.Warnings(2006));
        Assert.True(retriever.HasVectors, "the other units keep their vectors");
    }

    private sealed class BreakableEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public bool Broken { get; set; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Broken ? throw new HttpRequestException("connection refused") : base.GenerateAsync(values, options, cancellationToken);
    }

    private static async Task<KnowledgeIndex> BundledIndexAsync() =>
        // each test learns into its own index: the shared bundled index must stay as the corpus made it
        await TestIndex.BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus));
}
