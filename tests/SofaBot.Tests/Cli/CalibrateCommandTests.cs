using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SofaBot.Answering;
using SofaBot.Answering.Calibration;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary><c>calibrate</c> on small eval sets made from the bundled corpus, and the file it writes as <c>ask</c>
/// reads it; on the full corpus, the dev and chat sets.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private static readonly string[] Projects = ["Layotto", "Seata", "SOFARPC", "MOSN", "SOFAArk"];

    private static readonly string[] Unanswered = ["WebAssembly", "GraphQL 订阅", "Kotlin 协程", "Windows 服务", "Excel 导出", "微信小程序", "区块链存证", "Flutter 客户端"];

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Calibrate_writes_the_weights_and_bars_that_ask_then_reads()
    {
        var (a, b) = (EvalSet("a.jsonl", 0), EvalSet("b.jsonl", 1));
        var file = _folder.Combine("out/calibration.json");

        var (exit, output, error) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "calibrate", "--eval", a, b, "--no-review-log", "--out", file);

        Assert.True(exit == 0, error + output);
        Assert.Contains("| a.jsonl | cross-validated |", output, StringComparison.Ordinal);
        Assert.Contains("| b.jsonl | fitted |", output, StringComparison.Ordinal);
        Assert.Contains($"Wrote {file}", output, StringComparison.Ordinal);
        var answering = JsonNode.Parse(File.ReadAllText(file))!["Answering"]!;
        var bar = answering["AutoAnswerMinConfidence"]!.GetValue<float>();
        Assert.InRange(answering["SuggestMinConfidence"]!.GetValue<float>(), 0, bar);
        Assert.Equal(["Intercept", .. ConfidenceFeatures.Names], answering["Confidence"]!.AsObject().Select(w => w.Key));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"));

        var without = await AskAsync(_folder.Combine("none.json"));
        var with = await AskAsync(file);

        Assert.NotEqual(without.GetProperty("confidence").GetDouble(), with.GetProperty("confidence").GetDouble());
        Assert.Equal(with.GetProperty("confidence").GetDouble() >= Math.Round(bar, 3), with.GetProperty("decision").GetString() == "answer");
    }

    [Fact]
    public async Task Too_few_labels_are_refused_with_the_reason_and_nothing_is_written()
    {
        var small = _folder.Write("small.jsonl", string.Join('\n', Lines(0).Take(12)));
        var file = _folder.Combine("calibration.json");

        var (exit, output, error) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "calibrate", "--eval", small, "--no-review-log", "--out", file);

        Assert.Equal(2, exit);
        Assert.Contains("small.jsonl: ", output, StringComparison.Ordinal);
        Assert.Contains("too few labelled decisions", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_bad_calibration_file_stops_ask_naming_the_file_and_each_bad_key()
    {
        var file = _folder.Write("calibration.json", """{"Answering": {"AutoAnswerMinConfidence": "high", "SuggestMinConfidence": 0.9, "Confidence": {"Bogus": 1}}}""");

        var (exit, _, error) = await ProgramProcess.RunAsync(_folder.Path, new Dictionary<string, string> { ["Calibration__Path"] = file }, "--corpus", TestPaths.BundledCorpus, "ask", "jraft 怎么做快照");

        Assert.Equal(2, exit);
        Assert.Contains($"{file}: Answering:AutoAnswerMinConfidence must be a number (was \"high\")", error, StringComparison.Ordinal);
        Assert.Contains($"{file}: Answering:Confidence:Bogus is not a setting calibration writes", error, StringComparison.Ordinal);
        // the values it holds are checked like any other: 0.9 is above the answer bar appsettings.json keeps
        Assert.Contains("Answering:SuggestMinConfidence must be between 0 and Answering:AutoAnswerMinConfidence (was 0.9)", error, StringComparison.Ordinal);
    }

    [FullCorpusFact]
    public async Task On_the_dev_and_chat_sets_the_chosen_bar_keeps_098_cross_validated_precision_over_all_and_097_on_each()
    {
        var eval = Path.GetDirectoryName(TestPaths.DevEval)!;

        var (exit, output, error) = await CliRunner.RunAsync("--corpus", TestPaths.FullCorpus!, "calibrate", "--eval", Path.Combine(eval, "dev.jsonl"), Path.Combine(eval, "chat.jsonl"), "--no-review-log", "--dry-run");

        Assert.True(exit == 0, error + output);
        Assert.Contains("Dry run: nothing was written.", output, StringComparison.Ordinal);
        var pooled = Assert.Single(output.Split('\n'), l => l.StartsWith("Pooled, cross-validated at the new bar: precision ", StringComparison.Ordinal));
        Assert.True(double.Parse(pooled.Split(' ')[7], CultureInfo.InvariantCulture) >= AnswerBarRule.TargetPrecision, pooled);
        foreach (var set in new[] { "dev.jsonl", "chat.jsonl" })
        {
            var line = Assert.Single(output.Split('\n'), l => l.StartsWith($"| {set} | cross-validated |", StringComparison.Ordinal));
            var precision = double.Parse(line.Split('|')[4].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True(precision >= AnswerBarRule.MinSetPrecision, line);
            Assert.True(int.Parse(line.Split('|')[5].Trim(), CultureInfo.InvariantCulture) <= 1, line);
        }
    }

    private static async Task<JsonElement> AskAsync(string calibration)
    {
        var (exit, output, error) = await ProgramProcess.RunAsync(Path.GetTempPath(), new Dictionary<string, string> { ["Calibration__Path"] = calibration }, "--corpus", TestPaths.BundledCorpus, "ask", "--json", TelegramQuestion);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private const string TelegramQuestion = "jraft 的 learner 和 ZooKeeper 的 observer 一样吗";

    private string EvalSet(string name, int variant) => _folder.Write(name, string.Join('\n', Lines(variant)));

    /// <summary>Every pair's first question as asked (with a prefix that differs by variant), and questions about
    /// SOFAStack projects that the bundled corpus never answers.</summary>
    private static IEnumerable<string> Lines(int variant)
    {
        var pairs = TestCorpus.Load(TestPaths.BundledCorpus).Pairs;
        foreach (var pair in pairs)
        {
            var question = pair.Turns[0].Question;
            var words = question.Split('!')[0].Split('\n')[0].Trim();
            yield return JsonSerializer.Serialize(new
            {
                query = (variant == 0 ? "" : "请问 ") + words,
                expect = new { file = Path.GetFileName(pair.Weekly.File), asker = pair.Asker, question_contains = question[..Math.Min(8, question.Length)] },
            });
        }

        for (var i = 0; i < 20; i++)
        {
            var (project, topic) = (Projects[(i + variant) % Projects.Length], Unanswered[(i + (variant * 3)) % Unanswered.Length]);
            yield return JsonSerializer.Serialize(new { query = $"{project} 支持 {topic} 吗？", expect = (object?)null });
        }
    }
}
