using SofaBot.Retrieval.Snapshot;
using SofaBot.Tests.Embeddings;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary>A snapshot made from another corpus, other settings or another build is noticed, said in one line
/// naming what changed, and replaced by an index of what is there now.</summary>
public sealed class SnapshotInvalidationTests
{
    private const string RaftWeekly = "sofa-weekly-20211112.txt";

    [Fact]
    public async Task An_edited_weekly_is_noticed_by_its_content_even_with_the_same_size_and_time()
    {
        using var bed = new SnapshotBed();
        await bed.StartAsync();
        var file = bed.CorpusFile(RaftWeekly);
        var written = File.GetLastWriteTimeUtc(file);
        var text = File.ReadAllText(file);
        Assert.Contains("appendEtries", text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace("appendEtries", "appendFtries", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(file, written);

        var start = await bed.StartAsync();

        Assert.True(start.Built);
        var stale = Assert.Single(start.Lines(2012));
        Assert.Contains($"the corpus changed: {RaftWeekly} changed", stale.Message, StringComparison.Ordinal);
        Assert.Contains(start.Index.KnowledgeBase.Pairs, p => p.Answer.Contains("appendFtries", StringComparison.Ordinal));
        Assert.Empty(start.Warnings);
        Assert.True((await bed.StartAsync()).ReadSnapshot);
    }

    [Fact]
    public async Task An_added_weekly_is_noticed_and_its_pairs_are_found()
    {
        using var bed = new SnapshotBed();
        await bed.StartAsync();
        File.Copy(bed.CorpusFile(RaftWeekly), bed.CorpusFile("sofa-weekly-20991231.txt"));

        var start = await bed.StartAsync();

        Assert.True(start.Built);
        Assert.Contains("sofa-weekly-20991231.txt added", Assert.Single(start.Lines(2012)).Message, StringComparison.Ordinal);
        Assert.NotNull(start.Index.FindPair("sofa-weekly-20991231:1"));
    }

    [Fact]
    public async Task A_removed_weekly_is_noticed_and_its_pairs_are_gone()
    {
        using var bed = new SnapshotBed();
        var before = await bed.StartAsync();
        Assert.Equal("sofa-weekly-20220318:2", (await before.Index.DecideAsync("tengine 现在能用 babassl 吗")).Best?.Pair.Id);
        File.Delete(bed.CorpusFile("sofa-weekly-20220318.md"));

        var start = await bed.StartAsync();

        Assert.True(start.Built);
        Assert.Contains("sofa-weekly-20220318.md removed", Assert.Single(start.Lines(2012)).Message, StringComparison.Ordinal);
        Assert.Null(start.Index.FindPair("sofa-weekly-20220318:2"));
        Assert.NotEqual("sofa-weekly-20220318:2", (await start.Index.DecideAsync("tengine 现在能用 babassl 吗")).Best?.Pair.Id);
    }

    public static TheoryData<string, Action<SnapshotBed>> ShapingSettings => new()
    {
        { "Retrieval:CorpusDimensions", bed => bed.Retrieval.CorpusDimensions = 64 },
        { "Retrieval:AnswerWeight", bed => bed.Retrieval.AnswerWeight = 0.5f },
        { "Retrieval:Embedder", bed => bed.Retrieval.Embedder = "None" },
        { "Retrieval:Synonyms:", bed => bed.Retrieval.Synonyms.Add("快照|snapshot") },
        { "Projects:Catalog:SOFAJRaft:Aliases:", bed => bed.Projects.Catalog["SOFAJRaft"].Aliases.Add("sofa-raft") },
        { "Projects:Fallback", bed => bed.Projects.Fallback = "SOFABoot" },
        { "Corpus:MaxFileMegabytes", bed => bed.MaxFileMegabytes = 2 },
    };

    [Theory]
    [MemberData(nameof(ShapingSettings))]
    public async Task A_changed_setting_that_shapes_the_index_is_named_and_the_index_rebuilt(string key, Action<SnapshotBed> change)
    {
        using var bed = new SnapshotBed();
        await bed.StartAsync();
        change(bed);

        var start = await bed.StartAsync();

        Assert.True(start.Built);
        var stale = Assert.Single(start.Lines(2012));
        Assert.Contains("settings changed: " + key, stale.Message, StringComparison.Ordinal);
        Assert.Empty(start.Warnings);
        Assert.True((await bed.StartAsync()).ReadSnapshot);
    }

    [Fact]
    public async Task The_rebuilt_index_follows_the_new_settings()
    {
        using var bed = new SnapshotBed();
        var before = await bed.StartAsync();
        bed.Retrieval.CorpusDimensions = 16; // fewer than the bundled corpus's 21 units, which cap the dimensions

        await bed.StartAsync();
        var restored = await bed.StartAsync();

        Assert.True(restored.ReadSnapshot);
        Assert.Equal(21, before.Index.Retriever.Embedding.Vectors!.Dimensions);
        Assert.Equal(16, restored.Index.Retriever.Embedding.Vectors!.Dimensions);
    }

    [Fact]
    public async Task The_remote_embedders_settings_and_the_answering_thresholds_keep_the_snapshot()
    {
        using var bed = new SnapshotBed();
        await bed.StartAsync();
        bed.Retrieval.OpenAI.Model = "another-model";
        bed.Retrieval.OpenAI.ApiKey = "sk-secret";
        bed.Answering.AutoAnswerMinConfidence = 0.99f;
        bed.Answering.CoverageRankWeight = 0f;

        var start = await bed.StartAsync();

        Assert.True(start.ReadSnapshot);
        Assert.Empty(start.Lines(2012));
        Assert.NotEqual(SofaBot.Answering.DecisionKind.Answer, (await start.Index.DecideAsync("jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗")).Kind);
        Assert.DoesNotContain("sk-secret", File.ReadAllText(bed.SnapshotFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_of_another_build_is_rebuilt()
    {
        using var bed = new SnapshotBed();
        var first = await bed.StartAsync();
        var store = bed.Store(new RecordingLoggerProvider());
        var key = store.Key(bed.Corpus, 4 * 1024 * 1024);
        store.Write(key with { Build = "SofaBot.Core 00000000-0000-0000-0000-000000000000" }, IndexSnapshot.Of(first.Index));

        var start = await bed.StartAsync();

        Assert.True(start.Built);
        Assert.Contains("another build of SofaBot", Assert.Single(start.Lines(2012)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_corpus_folder_is_another_index()
    {
        using var bed = new SnapshotBed();
        using var other = new SnapshotBed();
        await bed.StartAsync();
        File.Delete(other.CorpusFile("sofa-weekly-20220318.md"));

        // the other bed's corpus, with this bed's snapshot file copied in place
        Directory.CreateDirectory(other.SnapshotFolder);
        File.Copy(bed.SnapshotFile, other.SnapshotFile);
        var start = await other.StartAsync();

        Assert.True(start.Built);
        Assert.Contains("the corpus is now", Assert.Single(start.Lines(2012)).Message, StringComparison.Ordinal);
        Assert.Null(start.Index.FindPair("sofa-weekly-20220318:2"));
    }
}
