using System.Text.Json;
using SofaBot.Corpus;
using SofaBot.Learning;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Learning;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary>The second start reads the index snapshot instead of parsing the corpus, and answers exactly as the
/// first start, which built the index: the same decisions, reasons, evidence, candidates and scores to the bit.</summary>
public sealed class SnapshotRoundTripTests
{
    /// <summary>Paraphrases, English, follow-ups, an unanswerable question, other software, small talk, junk.</summary>
    public static readonly string[] BundledQuestions =
    [
        "jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗",
        "sofaregistry 的 session 挂了以后，它的地址是怎么被摘掉的",
        "tengine 现在能用 babassl 吗",
        "jraft 的 bolt 日志会自动清理吗，占了好几个 G",
        "What are the advantages of SOFARPC compared with Dubbo?",
        "How does a new jraft leader learn each follower's match index?",
        "sofaregistry 的 session 之间数据不同步的话，跨 session 节点怎么办",
        "ＴＥＮＧＩＮＥ　ＢａｂａＳＳＬ",
        "jraft 支持 witness 节点吗",
        "redis 集群怎么搭建",
        "谢谢",
        "",
        "👍👍",
    ];

    [Fact]
    public async Task The_second_start_reads_the_snapshot_instead_of_parsing_and_decides_exactly_as_the_first()
    {
        using var bed = new SnapshotBed();

        var first = await bed.StartAsync();
        var second = await bed.StartAsync();

        Assert.True(first.Built);
        Assert.Single(first.Lines(2014)); // written
        Assert.True(second.ReadSnapshot, string.Join("\n", second.Logs.Entries.Select(e => e.Message)));
        Assert.Empty(second.Warnings);
        Assert.Equal(await SnapshotBed.DecisionsAsync(first.Index, BundledQuestions), await SnapshotBed.DecisionsAsync(second.Index, BundledQuestions));
        Assert.Equal(Json(first.Index.KnowledgeBase), Json(second.Index.KnowledgeBase));
        Assert.Equal(first.Index.Retriever.Count, second.Index.Retriever.Count);
        Assert.True(second.Index.Retriever.HasVectors);
    }

    [FullCorpusFact]
    public async Task The_full_corpus_from_its_snapshot_answers_every_dev_question_exactly_as_built()
    {
        using var bed = new SnapshotBed(TestPaths.FullCorpus);
        var questions = File.ReadLines(TestPaths.DevEval!).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("query").GetString()!).ToList();

        var first = await bed.StartAsync();
        var second = await bed.StartAsync();

        Assert.True(first.Built);
        Assert.True(second.ReadSnapshot);
        Assert.Equal(85, questions.Count);
        Assert.Equal(await SnapshotBed.DecisionsAsync(first.Index, questions), await SnapshotBed.DecisionsAsync(second.Index, questions));

        // every field of every weekly, pair, warning and count, as the loader read them
        Assert.Equal(Json(first.Index.KnowledgeBase), Json(second.Index.KnowledgeBase));
    }

    [Fact]
    public async Task Words_only_indexes_keep_no_vectors_and_still_answer_alike()
    {
        using var bed = new SnapshotBed();
        bed.Retrieval.Embedder = "None";

        var first = await bed.StartAsync();
        var second = await bed.StartAsync();

        Assert.True(second.ReadSnapshot);
        Assert.False(second.Index.Retriever.HasVectors);
        Assert.Equal(await SnapshotBed.DecisionsAsync(first.Index, BundledQuestions), await SnapshotBed.DecisionsAsync(second.Index, BundledQuestions));
    }

    [Fact]
    public async Task What_was_learned_in_review_is_applied_after_a_restore_as_after_a_build_and_stays_out_of_the_snapshot()
    {
        using var bed = new SnapshotBed();
        var learned = new[]
        {
            Learned.Pair(1, "jraft 的快照可以压缩吗", "可以，实现 SnapshotThrottle 并开启 `raftOptions.setEnableSnapshotCompress`。"),
            Learned.Alternate(2, "sofa-weekly-20211210:5", "注册中心的数据持久化放在哪个数据库里？"),
        };
        string[] questions = [.. BundledQuestions, "jraft 的快照可以压缩吗", "注册中心的数据持久化放在哪个数据库里？"];

        var first = await bed.StartAsync();
        var corpusUnits = first.Index.Retriever.Count;
        Assert.Equal(2, await first.Index.LearnAsync(learned));
        var second = await bed.StartAsync();

        // the snapshot was written before anything was learned: the second start has the corpus alone
        Assert.True(second.ReadSnapshot);
        Assert.Equal(corpusUnits, second.Index.Retriever.Count);
        Assert.Null(second.Index.FindPair(LearnedPairs.IdFor(1)));

        Assert.Equal(2, await second.Index.LearnAsync(learned));
        Assert.Equal(first.Index.Retriever.Count, second.Index.Retriever.Count);
        Assert.Equal(await SnapshotBed.DecisionsAsync(first.Index, questions), await SnapshotBed.DecisionsAsync(second.Index, questions));
        Assert.Equal(LearnedPairs.IdFor(1), (await second.Index.DecideAsync("jraft 的快照可以压缩吗")).Best?.Pair.Id);
    }

    [Fact]
    public async Task Turned_off_it_neither_reads_nor_writes_a_snapshot()
    {
        using var bed = new SnapshotBed();
        bed.Retrieval.Snapshot.Enabled = false;

        var first = await bed.StartAsync();
        var second = await bed.StartAsync();

        Assert.True(first.Built);
        Assert.True(second.Built);
        Assert.False(Directory.Exists(bed.SnapshotFolder));
        Assert.DoesNotContain(second.Logs.Entries, e => e.EventId.Id is >= 2010 and <= 2015);
    }

    private static string Json(KnowledgeBase knowledgeBase) => JsonSerializer.Serialize(knowledgeBase);
}
