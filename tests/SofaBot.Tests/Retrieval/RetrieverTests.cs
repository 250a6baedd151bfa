using SofaBot.Corpus;
using SofaBot.Retrieval;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Retrieval;

/// <summary>Finding the prior pair on the bundled sample corpus, as the program indexes it.</summary>
public sealed class RetrieverTests
{
    [Theory]
    [InlineData("jraft 5个节点挂了一个，剩下四个又 2:2 网络分区了，集群还能用吗", "sofa-weekly-20211203:3")]
    [InlineData("sofaregistry 的 session 挂了以后，它的地址是怎么被摘掉的", "sofa-weekly-20211112:1")]
    [InlineData("tengine 现在能用 babassl 吗", "sofa-weekly-20220318:2")]
    [InlineData("jraft 的 bolt 日志会自动清理吗，占了好几个 G", "sofa-weekly-20211203:4")]
    public async Task A_chinese_question_in_other_words_finds_its_pair_first(string message, string id)
    {
        Assert.Equal(id, (await SearchAsync(message))[0].Pair.Id);
    }

    [Theory]
    [InlineData("What are the advantages of SOFARPC compared with Dubbo?", "sofa-weekly-20211203:2")]
    [InlineData("Why does Raft have no observer role like ZooKeeper?", "sofa-weekly-20211112:3")]
    [InlineData("How does a new jraft leader learn each follower's match index?", "sofa-weekly-20211112:2")]
    public async Task An_english_question_finds_the_chinese_answer(string message, string id)
    {
        Assert.Equal(id, (await SearchAsync(message))[0].Pair.Id);
    }

    [Fact]
    public async Task A_follow_up_question_is_found_through_its_own_turn()
    {
        var best = (await SearchAsync("sofaregistry 的 session 之间数据不同步的话，跨 session 节点怎么办"))[0];

        Assert.Equal("sofa-weekly-20211210:4", best.Pair.Id);
        Assert.Equal(1, best.Turn);
    }

    [Fact]
    public async Task Full_width_and_capitals_find_the_same_pair()
    {
        var plain = await SearchAsync("tengine babassl");
        var wide = await SearchAsync("ＴＥＮＧＩＮＥ　ＢａｂａＳＳＬ");

        Assert.Equal(plain[0].Pair.Id, wide[0].Pair.Id);
    }

    [Fact]
    public async Task Each_pair_appears_once_even_when_several_turns_match()
    {
        var candidates = await SearchAsync("jraft bolt 日志 自动删除 节点异常 打印");

        Assert.Equal(candidates.Count, candidates.Select(c => c.Pair.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_pair_republished_in_a_later_weekly_is_one_candidate()
    {
        using var corpus = new TempDirectory();
        var weekly = File.ReadAllText(Path.Combine(TestPaths.BundledCorpus, "sofa-weekly-20220318.md"));
        corpus.Write("sofa-weekly-20220318.md", weekly);
        corpus.Write("sofa-weekly-20220325.md", weekly.Replace("2022-03-18", "2022-03-25", StringComparison.Ordinal));
        var index = await TestIndex.BuildAsync(TestCorpus.Load(corpus.Path));

        var candidates = await index.Retriever.SearchAsync(index.Retriever.Analyzer.Analyze("tengine 能用 BabaSSL 吗"));

        Assert.Single(candidates, c => c.Pair.Question.Contains("tengine", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_learned_pair_is_found_right_after_it_is_added_without_rebuilding()
    {
        var index = await TestIndex.BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus));
        var before = index.Retriever.Count;
        var learned = LearnedPair("Layotto 能不能用 WebAssembly 写扩展？", "可以，Layotto 支持把 WASM 模块作为函数运行，见 layotto 的 wasm 示例。");

        await index.Retriever.AddAsync([learned]);
        var candidates = await index.Retriever.SearchAsync(index.Retriever.Analyzer.Analyze("layotto 支持 wasm 扩展吗"));

        Assert.Equal(before + 1, index.Retriever.Count);
        Assert.True(index.Retriever.HasVectors);
        Assert.Equal(learned.Id, candidates[0].Pair.Id);
        Assert.True(candidates[0].Vector > 0, "the learned unit was embedded too");
    }

    [Fact]
    public async Task Searches_running_while_pairs_are_added_keep_finding_the_right_pair()
    {
        var index = await TestIndex.BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus));
        var before = index.Retriever.Count;
        var adding = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await index.Retriever.AddAsync([LearnedPair($"learned question {i} about layotto actuator", $"answer {i}", i)]);
            }
        });
        var searching = Task.Run(async () =>
        {
            var firsts = new List<string>();
            for (var i = 0; i < 300; i++)
            {
                firsts.Add((await index.Retriever.SearchAsync(index.Retriever.Analyzer.Analyze("tengine babassl 支持"))).First().Pair.Id);
            }

            return firsts;
        });

        await adding;
        Assert.All(await searching, id => Assert.Equal("sofa-weekly-20220318:2", id));
        Assert.Equal(before + 300, index.Retriever.Count);
    }

    [Theory]
    [InlineData(RetrievalMode.Lexical)]
    [InlineData(RetrievalMode.Vector)]
    [InlineData(RetrievalMode.Hybrid)]
    public async Task Every_ranking_mode_finds_a_close_paraphrase(RetrievalMode mode)
    {
        var index = await TestIndex.Bundled;
        var query = index.Retriever.Analyzer.Analyze("SOFALookout 客户端能不能直接把度量指标推送到 ES");

        var candidates = await index.Retriever.SearchAsync(query, 3, mode);

        Assert.Equal("sofa-weekly-20211210:2", candidates[0].Pair.Id);
    }

    private static async Task<List<Candidate>> SearchAsync(string message)
    {
        var index = await TestIndex.Bundled;
        return await index.Retriever.SearchAsync(index.Retriever.Analyzer.Analyze(message));
    }

    private static QaPair LearnedPair(string question, string answer, int n = 1) => new()
    {
        Id = $"learned:{n}",
        Weekly = new Weekly("learned", "Learned answers", null, "https://github.com/mosn/layotto", "learned"),
        Asker = "maintainer",
        Turns = [new QaTurn(question, answer)],
        Project = new ProjectLink("Layotto", "https://github.com/mosn/layotto", LinkSource.Filled),
    };
}
