using System.Net;
using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary><c>corpus export-learned</c> end to end: answers approved in review are written as a weekly that the
/// corpus reads back as the same Q&amp;A, ready to publish and commit to <c>corpus/</c>.</summary>
public sealed class ExportLearnedTests
{
    [Fact]
    public async Task Answers_written_in_review_are_exported_as_a_weekly_the_corpus_reads_back_unchanged()
    {
        (string Question, string Answer)[] learned =
        [
            ("Layotto 支持 WebAssembly 吗", "支持。Layotto 可以把 WebAssembly 模块作为 FaaS 函数运行：\n\n- 见文档的 `WebAssembly` 一节\n- 示例在 [demo](https://github.com/mosn/layotto/tree/main/demo)"),
            ("Does Seata support MongoDB?", "Not yet. A: track the issue on GitHub.\n\nQ: is there a plan? Yes, for the AT mode."),
        ];
        using var export = new TempDirectory();
        await using (var bed = await ReviewBed.StartAsync())
        {
            foreach (var (question, answer) in learned)
            {
                await bed.AskAsync(question);
                using var approved = await bed.ApproveAsync((await bed.PendingItemAsync(question)).GetProperty("id").GetInt64(), new { text = answer });
                Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            }

            var output = await ExportAsync(bed, export.Combine("corpus/sofabot-learned.md"));
            Assert.Contains("Wrote 2 learned pairs", output, StringComparison.Ordinal);

            var (readExit, json, readError) = await ProgramProcess.RunAsync(export.Path, new Dictionary<string, string> { ["Corpus__Path"] = export.Combine("corpus") }, "corpus", "export", "--json");
            Assert.True(readExit == 0, readError);
            var pairs = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
            Assert.Equal(learned.Length, pairs.Count);
            foreach (var ((question, answer), pair) in learned.Zip(pairs))
            {
                var turn = Assert.Single(pair.GetProperty("turns").EnumerateArray());
                Assert.Equal(question, turn.GetProperty("question").GetString());
                Assert.Equal(answer, turn.GetProperty("answer").GetString());
            }

            Assert.Equal("Layotto", pairs[0].GetProperty("project").GetProperty("name").GetString());
            Assert.Equal("https://github.com/mosn/layotto", pairs[0].GetProperty("project").GetProperty("url").GetString());
            Assert.Equal("Seata", pairs[1].GetProperty("project").GetProperty("name").GetString());
            Assert.Equal("alice", pairs[0].GetProperty("asker").GetString());
        }
    }

    [Fact]
    public async Task One_learned_pair_is_counted_as_one_pair()
    {
        using var export = new TempDirectory();
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync("Layotto 支持 WebAssembly 吗");
        using var approved = await bed.ApproveAsync((await bed.PendingItemAsync("Layotto 支持 WebAssembly 吗")).GetProperty("id").GetInt64(), new { text = "支持。" });

        var output = await ExportAsync(bed, export.Combine("learned.md"));

        Assert.Contains("Wrote 1 learned pair to ", output, StringComparison.Ordinal);
    }

    /// <summary>Stops the bot and runs <c>corpus export-learned --out</c> on its database as a separate process.</summary>
    private static async Task<string> ExportAsync(ReviewBed bed, string file)
    {
        await bed.Bot.StopAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var environment = new Dictionary<string, string> { ["Storage__Sqlite__ConnectionString"] = $"Data Source={bed.State.Combine("sofabot.db")}" };
        var (exit, output, error) = await ProgramProcess.RunAsync(Path.GetDirectoryName(file)!, environment, "corpus", "export-learned", "--out", file);
        Assert.True(exit == 0, error);
        return output;
    }
}
