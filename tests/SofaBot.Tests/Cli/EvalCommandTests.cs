using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary><c>eval</c> through the real CLI, on a small question set over the bundled corpus.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Eval_prints_the_quality_figures()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "eval", WriteSet());

        Assert.Equal(0, exit);
        Assert.Contains("Questions:               4 (3 with an answer, 1 without)", output, StringComparison.Ordinal);
        Assert.Contains("Hit@1:                   1.000", output, StringComparison.Ordinal);
        Assert.Contains("Negatives answered:      0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_json_lets_anyone_recompute_the_figures_from_the_items()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "eval", WriteSet(), "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        var summary = json.GetProperty("summary");
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal(1.0, summary.GetProperty("hit_at1").GetDouble());
        Assert.Equal(0, summary.GetProperty("negatives_answered").GetInt32());

        var first = items[0];
        Assert.Equal("jraft 新 leader 怎么知道每个 follower 的 match index", first.GetProperty("query").GetString());
        var results = first.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("sofa-weekly-20211112.txt", results[0].GetProperty("file").GetString());
        Assert.Equal("滕川", results[0].GetProperty("asker").GetString());
        Assert.Contains("match index", results[0].GetProperty("question").GetString(), StringComparison.Ordinal);
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal("ignore", items[3].GetProperty("decision").GetString());
    }

    [Fact]
    public async Task A_bad_line_in_the_question_set_names_the_file_and_line()
    {
        var file = _folder.Write("bad.jsonl", "{\"query\": \"jraft\", \"expect\": null}\n{\"query\": \"oops\", \"expect\": {\"file\": 3}}\n");

        var (exit, output, error) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "eval", file);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"{file}:2:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_question_set_is_reported()
    {
        var (exit, _, error) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "eval", _folder.Combine("nope.jsonl"));

        Assert.Equal(1, exit);
        Assert.Contains("eval file not found", error, StringComparison.Ordinal);
    }

    private string WriteSet() => SampleQuestionSet.Write(_folder);

    public void Dispose() => _folder.Dispose();
}
