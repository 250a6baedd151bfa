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
        string database;
        await using (var bed = await ReviewBed.StartAsync())
        {
            foreach (var (question, answer) in learned)
            {
                await bed.AskAsync(question);
                using var approved = await bed.ApproveAsync((await bed.PendingItemAsync(question)).GetProperty("id").GetInt64(), new { text = answer });
                Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            }

            database = bed.State.Combine("sofabot.db");
            await bed.Bot.StopAsync();

            var file = export.Combine("corpus/sofabot-learned.md");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var (exit, output, error) = await ProgramProcess.RunAsync(export.Path, new Dictionary<string, string> { ["Storage__Sqlite__ConnectionString"] = $"Data Source={database}" }, "corpus", "export-learned", "--out", file);
            Assert.True(exit == 0, error);
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
}
