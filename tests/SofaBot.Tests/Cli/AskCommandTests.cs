using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary><c>ask</c> through the real CLI on the bundled corpus.</summary>
public sealed class AskCommandTests
{
    [Fact]
    public async Task Ask_prints_the_decision_the_reply_and_the_candidates()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "ask", "tengine 现在能用 babassl 吗");

        Assert.Equal(0, exit);
        Assert.StartsWith("Decision: answer (confident match", output, StringComparison.Ordinal);
        Assert.Contains("\nReply:\n这个问题在 SOFA Weekly 里回答过：\n", output, StringComparison.Ordinal);
        Assert.Contains("项目：Tongsuo https://github.com/Tongsuo-Project/Tongsuo", output, StringComparison.Ordinal);
        Assert.Contains("来源：SOFA Weekly | Committer 聊天室、SOFAJRaft 本周发布、新手任务（2022-03-18） https://www.sofastack.tech/blog/sofa-weekly-20220318/", output, StringComparison.Ordinal);
        Assert.Contains("\nCandidates:\n 1. ", output, StringComparison.Ordinal);
        Assert.Contains("sofa-weekly-20220318:2  Tongsuo", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_json_has_the_decision_the_reply_and_scored_candidates_best_first()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "ask", "What are the advantages of SOFARPC compared with Dubbo?", "--json", "--top", "3");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("answer", json.GetProperty("decision").GetString());
        Assert.Contains("https://github.com/sofastack/sofa-rpc", json.GetProperty("reply").GetString(), StringComparison.Ordinal);
        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(3, candidates.Count);
        Assert.Equal("sofa-weekly-20211203:2", candidates[0].GetProperty("id").GetString());
        Assert.Equal([1, 2, 3], candidates.Select(c => c.GetProperty("rank").GetInt32()));
        var scores = candidates.Select(c => c.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.True(json.GetProperty("confidence").GetDouble() is > 0 and <= 1);
    }

    [Fact]
    public async Task Small_talk_is_ignored_and_gets_no_reply()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "ask", "谢谢大佬！", "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("ignore", json.GetProperty("decision").GetString());
        Assert.Equal("", json.GetProperty("reply").GetString());
        Assert.Equal(0, json.GetProperty("candidates").GetArrayLength());
    }

    [Fact]
    public async Task A_suggestion_shows_the_draft_for_maintainers()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "ask", "SOFALookout 客户端能直接把指标推到 prometheus 吗");

        Assert.Equal(0, exit);
        Assert.StartsWith("Decision: suggest (", output, StringComparison.Ordinal);
        Assert.Contains("never mention \"prometheus\"", output, StringComparison.Ordinal);
        Assert.Contains("\nDraft for maintainers:\n", output, StringComparison.Ordinal);
    }
}
