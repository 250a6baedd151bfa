using System.Text.Json;
using SofaBot.Tests.Cli;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary><c>bench</c> reports what the snapshot costs: its size, writing it, and a start's reading it back (the
/// figures themselves are not asserted).</summary>
public sealed class SnapshotBenchTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Bench_reports_the_snapshot_figures()
    {
        var (exit, output, error) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "bench", "--queries", SampleQuestionSet.Write(_folder), "--json");

        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        foreach (var key in new[] { "snapshot_mb", "snapshot_write_ms", "snapshot_load_ms", "snapshot_load_cold_ms" })
        {
            Assert.True(json.GetProperty(key).GetDouble() >= 0, key);
        }

        Assert.True(json.GetProperty("snapshot_load_ms").GetDouble() > 0);
    }

    public void Dispose() => _folder.Dispose();
}
