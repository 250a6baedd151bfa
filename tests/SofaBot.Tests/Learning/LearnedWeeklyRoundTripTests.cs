using SofaBot.Corpus;
using SofaBot.Learning;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Learning;

/// <summary>Learned pairs exported as a weekly and read back by the real corpus loader from a corpus folder.</summary>
public sealed class LearnedWeeklyRoundTripTests
{
    private static readonly DateOnly Day = new(2026, 11, 21);

    /// <summary>Question, answer, asker, and the asker as read back.</summary>
    public static TheoryData<string, string, string?, string> TrickyPairs => new()
    {
        {
            "SOFAJRaft 的 leader 是怎么选出来的？",
            "按 Raft 论文：\n\n1. follower 超时后变成 candidate\n2. 拿到多数票就成为 leader\n\n详见 [SOFAJRaft 文档](https://www.sofastack.tech/projects/sofa-jraft/overview/)。",
            "张三", "张三"
        },
        {
            "Q: 这个问题以 Q: 开头，jraft 的超时怎么设置？",
            "在 `NodeOptions` 上设置 `electionTimeoutMs`，例如 `opts.setElectionTimeoutMs(1000)`。",
            "rust-rust", "rust-rust"
        },
        {
            "@SofaBot 提问：jraft 的快照多久做一次？\nA: 这一行像个回答\n# 不是标题\n---\n> 不是引用",
            "A: 先说结论：可以配置。\nA：全角的也一样\nQ: 那日志呢？\n提问：这一行以提问开头\n@张三 提问：这一行像提问行\n王五 提问：\n---\n# 这不是标题\n- 也不是列表\n> 这不是引用\n**注意**\n推荐阅读\n每周读者问答提炼",
            "a_b*c", "a_b＊c"
        },
        {
            "How do I configure **SOFAJRaft** snapshots?\n\nI tried `snapshotIntervalSecs=3600`, see https://github.com/sofastack/sofa-jraft/issues/123",
            "Set it on the node options:\n\n* global: `NodeOptions#setSnapshotIntervalSecs`\n* per group: one `NodeOptions` each\n  * nested: kept indented\n\nSee: https://github.com/sofastack/sofa-jraft\nSOFAJRaft：https://github.com/sofastack/sofa-jraft/issues/1\nwww.sofastack.tech has the docs.",
            "John Smith", "John Smith"
        },
        {
            "jraft 的 RheaKV 配置文件怎么写？",
            "配置如下：\n\n```yaml\nrheakv:\n  clusterName: demo\n```\n\n改完重启，详见 https://www.sofastack.tech/projects/sofa-jraft/",
            null, LearnedWeeklyWriter.AnonymousAsker
        },
        {
            "jraft 的日志目录可以删吗？",
            "HTML: <br> and <b>bold</b> and &amp; and \\* and a ** pair, C:\\temp\\ and a line break\\\nafter it\n\nEscapes: \\*not emphasis\\* and \\** stars, 2 * 3, `a**b` and **bold** text",
            "王五 (@wangwu) #1", "王五 (＠wangwu) ＃1"
        },
    };

    [Theory]
    [MemberData(nameof(TrickyPairs))]
    public void A_written_pair_reads_back_the_same(string question, string answer, string? asker, string askerReadBack)
    {
        var pair = LearnedPairs.ToPair(Learned.Pair(1, question, answer, asker: asker));

        var knowledgeBase = ReadBack([pair]);

        var read = Assert.Single(knowledgeBase.Pairs);
        Assert.Equal(question, read.Question);
        Assert.Equal(answer, read.Answer);
        Assert.Equal(askerReadBack, read.Asker);
        Assert.Equal(new ProjectLink("SOFAJRaft", "https://github.com/sofastack/sofa-jraft", LinkSource.Weekly, "SOFAJRaft", "https://github.com/sofastack/sofa-jraft"), read.Project);
        Assert.Empty(knowledgeBase.Warnings);
    }

    [Theory]
    [MemberData(nameof(TrickyPairs))]
    public void The_same_text_written_as_is_would_not_read_back(string question, string answer, string? asker, string askerReadBack)
    {
        // the tricky text is tricky: without the writer's care the parser reads something else
        _ = askerReadBack;
        var naive = LearnedWeeklyWriter.Write([], Day)
            + $"**@{asker ?? "匿名"}** 提问：\n\n" + string.Join('\n', question.Split('\n').Select(l => "> " + l))
            + $"\n\nA：{answer}\n\nSOFAJRaft：[https://github.com/sofastack/sofa-jraft](https://github.com/sofastack/sofa-jraft)\n";
        using var corpus = new TempDirectory();
        corpus.Write("naive.md", naive);

        var pairs = TestCorpus.Load(corpus.Path).Pairs;

        Assert.False(pairs.Count == 1 && pairs[0].Question == question && pairs[0].Answer == answer && pairs[0].Asker == askerReadBack);
    }

    [Fact]
    public void Several_pairs_read_back_in_order_with_their_own_projects()
    {
        LearnedEntry[] entries =
        [
            Learned.Pair(7, "MOSN 支持 HTTP/3 吗？", "还不支持，可以关注 MOSN 的 roadmap。", "MOSN", "https://github.com/mosn/mosn", "小明"),
            Learned.Pair(8, "Seata 的 AT 模式需要 undo_log 表吗？", "需要，每个业务库都要建 `undo_log` 表。", "Seata", "https://github.com/seata/seata", "小红"),
            Learned.Pair(9, "Does Layotto support WebAssembly?", "Yes, see the wasm examples of Layotto.", "Layotto", "https://github.com/mosn/layotto", "Alice"),
        ];
        var pairs = entries.Select(e => LearnedPairs.ToPair(e)).ToList();

        var read = ReadBack(pairs).Pairs;

        Assert.Equal(pairs.Select(p => (p.Question, p.Answer, p.Asker, p.Project.Name, p.Project.Url)), read.Select(p => (p.Question, p.Answer, p.Asker, p.Project.Name, p.Project.Url)));
        Assert.All(read, p => Assert.Equal(LinkSource.Weekly, p.Project.Source));
        Assert.Equal(["sofabot-learned-20261121:1", "sofabot-learned-20261121:2", "sofabot-learned-20261121:3"], read.Select(p => p.Id));
    }

    [Fact]
    public void Every_pair_of_the_bundled_corpus_reads_back_the_same()
    {
        AssertReadsBack(TestCorpus.Load(TestPaths.BundledCorpus));
    }

    [FullCorpusFact]
    public void Every_pair_of_the_full_corpus_reads_back_the_same()
    {
        // 480-odd pairs written by people over five years: lists, nested lists, code, images, follow-up questions
        AssertReadsBack(TestCorpus.FullCorpus);
    }

    [Fact]
    public void A_learned_weekly_in_a_corpus_folder_loads_like_any_weekly()
    {
        using var corpus = new TempDirectory();
        foreach (var file in Directory.GetFiles(TestPaths.BundledCorpus))
        {
            corpus.Write(Path.GetFileName(file), File.ReadAllText(file));
        }

        var learned = LearnedPairs.ToPair(Learned.Pair(3, "jraft 的 snapshot 能放到 S3 上吗？", "可以自己实现 `SnapshotStorage`，把快照写到对象存储。"));
        corpus.Write(LearnedWeeklyWriter.FileName(Day), LearnedWeeklyWriter.Write([learned], Day));

        var knowledgeBase = TestCorpus.Load(corpus.Path);

        var bundled = TestCorpus.Load(TestPaths.BundledCorpus);
        var weekly = Assert.Single(knowledgeBase.Weeklies, w => w.Slug == "sofabot-learned-20261121");
        Assert.Equal(bundled.Weeklies.Count + 1, knowledgeBase.Weeklies.Count);
        Assert.Equal(bundled.Pairs.Count + 1, knowledgeBase.Pairs.Count);
        Assert.Equal("SofaBot 维护者审核的问答 | 2026-11-21", weekly.Title);
        Assert.Equal(Day, weekly.Date);
        Assert.Equal("sofabot-learned-20261121.md", weekly.File);
        Assert.True(LearnedPairs.IsLearned(weekly));
        Assert.DoesNotContain(knowledgeBase.Warnings, w => w.File == weekly.File);
        var read = knowledgeBase.Find("sofabot-learned-20261121:1");
        Assert.NotNull(read);
        Assert.Equal((learned.Question, learned.Answer, learned.Asker), (read.Question, read.Answer, read.Asker));
        Assert.Same(read, knowledgeBase.Pairs[^1]); // the newest weekly's pairs come last
    }

    [Fact]
    public void The_file_is_named_after_its_date()
    {
        Assert.Equal("sofabot-learned-20261121.md", LearnedWeeklyWriter.FileName(Day));
        Assert.Equal("sofabot-learned-20270105.md", LearnedWeeklyWriter.FileName(new DateOnly(2027, 1, 5)));
    }

    [Fact]
    public void Only_the_learned_pseudo_weekly_and_exported_files_count_as_learned()
    {
        Assert.True(LearnedPairs.IsLearned(new Weekly("sofabot-learned", "t", null, "", "")));
        Assert.True(LearnedPairs.IsLearned(new Weekly("sofabot-learned-20261121", "t", null, "", "")));
        Assert.False(LearnedPairs.IsLearned(new Weekly("sofa-weekly-20211119", "t", null, Weekly.UrlForSlug("sofa-weekly-20211119"), "sofa-weekly-20211119.md")));
        Assert.False(LearnedPairs.IsLearned(new Weekly("sofabot-learnedness", "t", null, "", "")));
    }

    private static void AssertReadsBack(KnowledgeBase original)
    {
        // topics are not written (a learned pair has none); the rest of every pair must come back
        var pairs = original.Pairs.Where(p => p.Topic is null).ToList();

        var read = ReadBack(pairs).Pairs;

        Assert.Equal(pairs.Count, read.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            Assert.Equal(pairs[i].Turns, read[i].Turns);
            Assert.Equal(pairs[i].Asker, read[i].Asker);
            Assert.Equal((pairs[i].Project.Name, pairs[i].Project.Url), (read[i].Project.Name, read[i].Project.Url));
        }
    }

    private static KnowledgeBase ReadBack(IReadOnlyList<QaPair> pairs)
    {
        using var corpus = new TempDirectory();
        corpus.Write(LearnedWeeklyWriter.FileName(Day), LearnedWeeklyWriter.Write(pairs, Day));
        return TestCorpus.Load(corpus.Path);
    }
}
