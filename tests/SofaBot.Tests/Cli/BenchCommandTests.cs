using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary><c>bench</c> through the real CLI: it reports figures (the figures themselves are not asserted).</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Bench_reports_the_figures_the_issue_names()
    {
        var (exit, output, error) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "bench", "--queries", SampleQuestionSet.Write(_folder), "--json");

        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(19, json.GetProperty("pairs").GetInt32());
        Assert.Equal(4, json.GetProperty("queries").GetInt32());
        foreach (var key in new[] { "index_ms", "query_p50_us", "query_p99_us", "qps", "rss_mb" })
        {
            Assert.True(json.GetProperty(key).GetDouble() > 0, key);
        }

        Assert.True(json.GetProperty("query_p99_us").GetDouble() >= json.GetProperty("query_p50_us").GetDouble());
    }

    [Fact]
    public async Task Bench_grows_the_corpus_with_synthetic_variants()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "bench", "--scale", "3", "--queries", SampleQuestionSet.Write(_folder), "--json");

        Assert.Equal(0, exit);
        Assert.Equal(57, JsonDocument.Parse(output).RootElement.GetProperty("pairs").GetInt32());
    }

    public void Dispose() => _folder.Dispose();
}
