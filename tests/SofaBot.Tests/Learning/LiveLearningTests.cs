using Microsoft.Extensions.Logging;
using SofaBot.Answering;
using SofaBot.Corpus;
using SofaBot.Learning;
using SofaBot.Retrieval;
using SofaBot.Tests.Embeddings;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Learning;

/// <summary>The live index learning what maintainers approved, while it answers.</summary>
public sealed class LiveLearningTests
{
    private const string Question = "SOFAJRaft 能不能把快照存到 S3 这样的对象存储里？";
    private const string Answer = "可以。实现 `SnapshotStorage` 和 `SnapshotWriter`，把快照文件写到对象存储，见 SOFAJRaft 的快照文档。";

    [Fact]
    public async Task A_learned_pair_is_answered_right_after_it_is_learned()
    {
        var index = await BundledIndexAsync();
        var before = await index.DecideAsync(Question);

        Assert.True(await index.LearnAsync(Learned.Pair(5, Question, Answer)));
        var after = await index.DecideAsync(Question);

        Assert.NotEqual("sofabot-learned:5", before.Best?.Pair.Id);
        Assert.Equal(DecisionKind.Answer, after.Kind);
        Assert.Equal("sofabot-learned:5", after.Best!.Pair.Id);
        Assert.Equal(Answer, after.Best.Pair.Answer);
    }

    [Fact]
    public async Task A_learned_pair_belongs_to_the_maintainers_pseudo_weekly()
    {
        var pair = LearnedPairs.ToPair(Learned.Pair(5, Question, Answer, asker: "小明"));

        Assert.Equal("sofabot-learned:5", pair.Id);
        Assert.Equal(new Weekly("sofabot-learned", "SofaBot 维护者审核的问答", new DateOnly(2026, 11, 21), "", ""), pair.Weekly);
        Assert.True(LearnedPairs.IsLearned(pair.Weekly));
        Assert.Equal([new QaTurn(Question, Answer)], pair.Turns);
        Assert.Equal("小明", pair.Asker);
        Assert.Equal(new ProjectLink("SOFAJRaft", "https://github.com/sofastack/sofa-jraft", LinkSource.Weekly), pair.Project);
        Assert.Throws<ArgumentException>(() => LearnedPairs.ToPair(Learned.Alternate(6, "sofa-weekly-20211210:5", "另一种问法")));

        var index = await BundledIndexAsync();
        await index.LearnAsync(Learned.Pair(6, Question, Answer) with { ProjectName = null, ProjectUrl = null });
        Assert.Equal("SOFAStack", index.FindPair("sofabot-learned:6")!.Project.Name);
    }

    [Fact]
    public async Task FindPair_finds_corpus_and_learned_pairs()
    {
        var index = await BundledIndexAsync();
        await index.LearnAsync(Learned.Pair(5, Question, Answer));

        Assert.Same(index.KnowledgeBase.Find("sofa-weekly-20211210:5"), index.FindPair("sofa-weekly-20211210:5"));
        Assert.Equal(Answer, index.FindPair("sofabot-learned:5")?.Answer);
        Assert.Same(index.FindPair("sofabot-learned:5"), index.FindPair(" SOFABOT-LEARNED:5 "));
        Assert.Null(index.FindPair("sofabot-learned:6"));
        Assert.Equal(["sofabot-learned:5"], index.Learned.Select(p => p.Id));
    }

    [Fact]
    public async Task Entries_that_cannot_be_applied_are_logged_and_skipped_never_thrown()
    {
        var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var index = await TestIndex.BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus), logs: factory);
        var units = index.Retriever.Count;

        Assert.False(await index.LearnAsync(Learned.Alternate(1, "sofa-weekly-20991231:1", "没有这个周报")));
        Assert.False(await index.LearnAsync(Learned.Alternate(2, "sofa-weekly-20211210:5", "没有这个回合", turn: 3)));
        Assert.False(await index.LearnAsync(Learned.Alternate(3, "sofa-weekly-20211210:5", " ")));
        Assert.False(await index.LearnAsync(Learned.Pair(4, Question, Answer) with { Answer = null }));

        Assert.Equal(units, index.Retriever.Count);
        Assert.Equal(4, logs.Warnings(2008).Count);
        Assert.Contains("sofa-weekly-20991231:1", logs.Warnings(2008)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_learned_twice_is_indexed_once()
    {
        var index = await BundledIndexAsync();
        var units = index.Retriever.Count;

        Assert.True(await index.LearnAsync(Learned.Pair(5, Question, Answer)));
        Assert.False(await index.LearnAsync(Learned.Pair(5, Question, Answer)));
        Assert.True(await index.LearnAsync(Learned.Alternate(6, "sofabot-learned:5", "jraft 快照放对象存储")));
        Assert.False(await index.LearnAsync(Learned.Alternate(7, "sofabot-learned:5", "JRaft 快照放对象存储 ")));

        Assert.Equal(units + 2, index.Retriever.Count);
    }

    [Fact]
    public async Task A_start_up_batch_learns_pairs_before_the_wordings_that_point_at_them()
    {
        var index = await BundledIndexAsync();
        const string wording = "How do I keep raft snapshots in an object store?";

        // a wording listed before its pair (the store lists by id; a re-run review may reorder them)
        var applied = await index.LearnAsync([
            Learned.Alternate(9, "sofabot-learned:5", wording),
            Learned.Pair(5, Question, Answer),
            Learned.Alternate(10, "sofa-weekly-20211210:5", "注册中心的数据持久化放在哪个数据库里？"),
            Learned.Alternate(11, "no-such-weekly:1", "ignored"),
        ]);

        Assert.Equal(3, applied);
        Assert.Equal("sofabot-learned:5", (await index.DecideAsync(wording)).Best?.Pair.Id);
        Assert.Equal("sofa-weekly-20211210:5", (await index.DecideAsync("注册中心的数据持久化放在哪个数据库里？")).Best?.Pair.Id);
    }

    [Fact]
    public async Task Questions_are_answered_while_the_index_learns()
    {
        var index = await BundledIndexAsync();
        var learning = Task.Run(async () =>
        {
            for (var i = 1; i <= 150; i++)
            {
                await index.LearnAsync(Learned.Pair(i, $"Layotto actuator 问题 {i} 怎么配置", $"回答 {i}", "Layotto", "https://github.com/mosn/layotto"));
                await index.LearnAsync(Learned.Alternate(1000 + i, LearnedPairs.IdFor(i), $"layotto actuator question {i}"));
            }
        });
        var asking = Task.Run(async () =>
        {
            var firsts = new List<string?>();
            for (var i = 0; i < 150; i++)
            {
                firsts.Add((await index.DecideAsync("tengine 现在能用 babassl 吗")).Best?.Pair.Id);
            }

            return firsts;
        });

        await learning;
        Assert.All(await asking, id => Assert.Equal("sofa-weekly-20220318:2", id));
        Assert.Equal(150, index.Learned.Count);
        Assert.All(Enumerable.Range(1, 150), i => Assert.NotNull(index.FindPair(LearnedPairs.IdFor(i))));
        Assert.Equal("sofabot-learned:77", (await index.DecideAsync("layotto actuator question 77")).Best?.Pair.Id);
    }

    private static Task<KnowledgeIndex> BundledIndexAsync() =>
        // each test learns into its own index: the shared bundled index must stay as the corpus made it
        TestIndex.BuildAsync(TestCorpus.Load(TestPaths.BundledCorpus));
}
