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
        Assert.Contains("\nReply:\n这个问题在 SOFA Weekly 里回答过：\ntengine 现在可使用 BabaSSL 了吗？\n", output, StringComparison.Ordinal);
        Assert.Contains("\n项目：Tongsuo\n来源：SOFA Weekly | Committer 聊天室、SOFAJRaft 本周发布、新手任务（2022-03-18）\n", output, StringComparison.Ordinal);
        Assert.Contains("\nLinks:\n  Tongsuo: https://github.com/Tongsuo-Project/Tongsuo\n", output, StringComparison.Ordinal);
        Assert.Contains(": https://www.sofastack.tech/blog/sofa-weekly-20220318/\n", output, StringComparison.Ordinal);
        Assert.Contains("\nCandidates:\n 1. ", output, StringComparison.Ordinal);
        Assert.Contains("sofa-weekly-20220318:2  Tongsuo", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_json_has_the_decision_the_reply_and_scored_candidates_best_first()
    {
        var json = await CliRunner.AskJsonAsync("What are the advantages of SOFARPC compared with Dubbo?", "--top", "3");

        Assert.Equal("answer", json.GetProperty("decision").GetString());
        Assert.Contains("\nProject: SOFARPC\n", json.GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("links").EnumerateArray(), l => l.GetProperty("text").GetString() == "SOFARPC" && l.GetProperty("url").GetString() == "https://github.com/sofastack/sofa-rpc");
        Assert.Equal(JsonValueKind.Null, json.GetProperty("review").ValueKind);
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
        var json = await CliRunner.AskJsonAsync("谢谢大佬！");

        Assert.Equal("ignore", json.GetProperty("decision").GetString());
        Assert.Equal("", json.GetProperty("reply").GetString());
        Assert.Equal(0, json.GetProperty("links").GetArrayLength());
        Assert.Equal(0, json.GetProperty("candidates").GetArrayLength());
    }

    [Fact]
    public async Task A_suggestion_shows_the_reply_the_asker_gets_and_the_item_for_the_maintainers()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "ask", Review.ReviewBed.SuggestQuestion);

        Assert.Equal(0, exit);
        Assert.StartsWith("Decision: suggest (plausible match: confidence 0.", output, StringComparison.Ordinal);
        Assert.Contains("\nReply:\n不确定是不是同一个问题，", output, StringComparison.Ordinal);
        Assert.Contains("\n已请维护者确认，确认后会回复在这里。\n", output, StringComparison.Ordinal);
        Assert.Contains("\nFor the maintainers: a review item (uncertain match) with the candidates below\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/help")]
    [InlineData("@SofaBot")]
    public async Task Help_and_a_bare_mention_print_the_help_the_group_gets(string message)
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "ask", message);

        Assert.Equal(0, exit);
        Assert.StartsWith("Decision: none (", output, StringComparison.Ordinal);
        Assert.Contains("\nReply:\n我是 SofaBot，", output, StringComparison.Ordinal);
        Assert.Contains("在群里 @SofaBot 并写下问题", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_with_the_bots_mention_is_read_as_the_group_writes_it_not_as_a_response_file()
    {
        var json = await CliRunner.AskJsonAsync("@SofaBot tengine 现在能用 babassl 吗");

        Assert.Equal("@SofaBot tengine 现在能用 babassl 吗", json.GetProperty("query").GetString());
        Assert.Equal("answer", json.GetProperty("decision").GetString());
        Assert.StartsWith("这个问题在 SOFA Weekly 里回答过：\ntengine 现在可使用 BabaSSL 了吗？", json.GetProperty("reply").GetString(), StringComparison.Ordinal);
    }
}
