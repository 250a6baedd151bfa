using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary><c>corpus stats | export | show</c> and the global <c>--corpus</c> option, through the real CLI.</summary>
public sealed class CorpusCommandTests
{
    [Fact]
    public async Task Stats_on_the_bundled_corpus_reports_files_pairs_and_links()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "corpus", "stats");

        Assert.Equal(0, exit);
        Assert.Contains("Files read:        5", output, StringComparison.Ordinal);
        Assert.Contains("Pairs:             19", output, StringComparison.Ordinal);
        Assert.Contains("Links from map:    5 (filled 0, corrected 5, fallback 0)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_json_has_the_counts_the_issue_asks_for()
    {
        var (exit, output, _) = await CliRunner.RunAsync("corpus", "stats", "--json", "--corpus", TestPaths.BundledCorpus);

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(5, json.GetProperty("files_read").GetInt32());
        Assert.Equal(5, json.GetProperty("files_with_qa").GetInt32());
        Assert.Equal(19, json.GetProperty("pairs").GetInt32());
        Assert.Equal(21, json.GetProperty("turns").GetInt32());
        Assert.Equal(5, json.GetProperty("links_from_project_map").GetInt32());
        Assert.Equal(14, json.GetProperty("links").GetProperty("weekly").GetInt32());
        Assert.Equal(0, json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Export_prints_every_pair_with_all_its_fields()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "corpus", "export", "--json");

        Assert.Equal(0, exit);
        var pairs = JsonDocument.Parse(output).RootElement;
        Assert.Equal(19, pairs.GetArrayLength());
        var pair = pairs.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "sofa-weekly-20211119:2");
        Assert.Equal("爱德华", pair.GetProperty("asker").GetString());
        Assert.Equal("SOFA Weekly | SOFA Weekly | 社区本周 Contributor、QA 整理、新手任务计划", pair.GetProperty("weekly").GetProperty("title").GetString());
        Assert.Equal("2021-11-19", pair.GetProperty("weekly").GetProperty("date").GetString());
        Assert.Equal("https://www.sofastack.tech/blog/sofa-weekly-20211119/", pair.GetProperty("weekly").GetProperty("source_url").GetString());
        Assert.StartsWith("请教一下，SOFAJRaft 在 leader 晋升后", pair.GetProperty("turns")[0].GetProperty("question").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("是为了探测该 follower", pair.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("SOFAJRaft", pair.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal("https://github.com/sofastack/sofa-jraft", pair.GetProperty("project").GetProperty("url").GetString());
        Assert.Equal("weekly", pair.GetProperty("project").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Show_quotes_one_pair_with_its_link_and_weekly()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "corpus", "show", "sofa-weekly-20211112:3");

        Assert.Equal(0, exit);
        Assert.Equal("""
            @橙橙不是澄澄 提问：
            > Raft 里面为什么不要 observer 呢?恰好之前看到 ZooKeeper 里面有这个角色。
            A：Raft 里面可以有类似的角色,叫 learner。learner 不参与选举,只接收 leader 日志,JRaft 也支持 learner。

            「SOFAJRaft」：https://github.com/sofastack/sofa-jraft
            来源：SOFA Weekly | SOFA Weekly | 社区本周 Contributor、QA 整理、新手任务计划（2021-11-12） https://www.sofastack.tech/blog/sofa-weekly-20211112/

            """, output);
    }

    [Fact]
    public async Task Show_of_an_unknown_id_says_which_ids_exist()
    {
        var (exit, _, error) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "corpus", "show", "sofa-weekly-20211112:9");

        Assert.Equal(1, exit);
        Assert.Contains("no pair with id \"sofa-weekly-20211112:9\"; this weekly has: sofa-weekly-20211112:1, sofa-weekly-20211112:2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_corpus_is_a_clear_error_naming_the_path_and_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "sofabot-no-such-corpus");
        var (exit, output, error) = await CliRunner.RunAsync("corpus", "stats", "--corpus", missing);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"corpus not found: {missing} is neither a folder nor a file", error, StringComparison.Ordinal);
        Assert.Contains("Set Corpus:Path in appsettings.json or pass --corpus <path>", error, StringComparison.Ordinal);
    }

    [FullCorpusFact]
    public async Task The_global_corpus_option_points_every_verb_at_the_full_corpus()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.FullCorpus!, "corpus", "stats", "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(192, json.GetProperty("files_read").GetInt32());
        Assert.Equal(173, json.GetProperty("files_with_qa").GetInt32());
        Assert.Equal(494, json.GetProperty("pairs").GetInt32());
    }
}
