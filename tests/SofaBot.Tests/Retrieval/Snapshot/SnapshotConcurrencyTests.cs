using SofaBot.Retrieval.Snapshot;
using SofaBot.Tests.Embeddings;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary>Starts that build, write and read the same snapshot at once (replicas or CLI runs started together)
/// never see half a file: every start answers alike, nobody warns, and one good snapshot is left.</summary>
public sealed class SnapshotConcurrencyTests
{
    [Fact]
    public async Task Four_starts_building_the_same_snapshot_at_once_leave_one_good_file()
    {
        using var bed = new SnapshotBed();

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(bed.StartAsync)));
        var next = await bed.StartAsync();

        Assert.All(starts, s => Assert.Empty(s.Warnings));
        var expected = await SnapshotBed.DecisionsAsync(starts[0].Index, SnapshotRoundTripTests.BundledQuestions);
        foreach (var start in starts.Skip(1).Append(next))
        {
            Assert.Equal(expected, await SnapshotBed.DecisionsAsync(start.Index, SnapshotRoundTripTests.BundledQuestions));
        }

        Assert.True(next.ReadSnapshot);
        Assert.Equal([Path.GetFileName(bed.SnapshotFile)], Directory.GetFileSystemEntries(bed.SnapshotFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Starts_reading_while_others_replace_the_file_always_read_a_whole_snapshot()
    {
        using var bed = new SnapshotBed();
        var built = await bed.StartAsync();
        var logs = new RecordingLoggerProvider();
        var store = bed.Store(logs);
        var key = store.Key(bed.Corpus, 4 * 1024 * 1024);
        var snapshot = IndexSnapshot.Of(built.Index);

        var writing = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                store.Write(key, snapshot);
            }
        });
        var reads = 0;
        while (!writing.IsCompleted || reads < 5)
        {
            Assert.NotNull(await Task.Run(() => store.TryRead(key)));
            reads++;
        }

        await writing;
        Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal(20, logs.Entries.Count(e => e.EventId.Id == 2014));
    }

    [Fact]
    public async Task Two_ask_processes_started_together_share_the_snapshot()
    {
        using var folder = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Retrieval__Snapshot__Folder"] = folder.Combine("index"),
            ["Logging__LogLevel__Default"] = "Debug",
        };
        string[] ask = ["--corpus", TestPaths.BundledCorpus, "ask", "jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗", "--json"];

        var together = await Task.WhenAll(ProgramProcess.RunAsync(folder.Path, environment, ask), ProgramProcess.RunAsync(folder.Path, environment, ask));
        var later = await ProgramProcess.RunAsync(folder.Path, environment, ask);

        foreach (var (exit, output, error) in together.Append(later))
        {
            Assert.True(exit == 0, error);
            Assert.DoesNotContain("warn:", error, StringComparison.Ordinal);
            Assert.Equal(together[0].Output, output);
        }

        Assert.Contains("[2010]", later.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("[1001]", later.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(folder.Combine("index")));
    }
}
