using System.CommandLine;
using System.Globalization;
using SofaBot.Evaluation;
using SofaBot.Retrieval;

namespace SofaBot.Cli;

/// <summary><c>eval &lt;file.jsonl&gt;</c>: runs a question set and prints Hit@1, Hit@5, MRR@5 and how well the
/// answer decisions did.</summary>
internal static class EvalCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "Questions in JSON lines: {\"query\", \"expect\": {\"file\",\"asker\",\"question_contains\"} | null}" };
        var json = new Option<bool>("--json") { Description = "Print {\"summary\", \"items\"} as JSON" };
        var retrieval = new Option<RetrievalMode>("--retrieval") { Description = "Hybrid (default), Lexical or Vector ranking", DefaultValueFactory = _ => RetrievalMode.Hybrid };
        var ablation = new Option<bool>("--ablation") { Description = "Run lexical only, vectors only and hybrid, and print one table" };
        var alone = new Option<bool>("--follow-ups-alone") { Description = "Ask follow-up items alone, not as replies to the bot's answer to their earlier message" };
        var command = new Command("eval", "Measure retrieval and answer decisions on a question set") { file, json, retrieval, ablation, alone };
        command.SetAction((parse, ct) => VerbRunner.RunAsync(parse, async (services, output, token) =>
        {
            var (items, failure) = await ReadItemsAsync(parse.GetValue(file)!, parse.InvocationConfiguration.Error);
            if (items is null)
            {
                return failure;
            }

            var index = await IndexLoader.LoadAsync(services, token);
            if (parse.GetValue(ablation))
            {
                await output.WriteLineAsync("| ranking | Hit@1 | Hit@5 | MRR@5 | auto-answered correctly | auto-answer precision | negatives answered |");
                await output.WriteLineAsync("| --- | --- | --- | --- | --- | --- | --- |");
                foreach (var mode in new[] { RetrievalMode.Lexical, RetrievalMode.Vector, RetrievalMode.Hybrid })
                {
                    var s = (await new EvalRunner(index, followUpContext: !parse.GetValue(alone)).RunAsync(items, mode, cancellationToken: token)).Summary;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"| {mode.ToString().ToLowerInvariant()} | {s.HitAt1:0.000} | {s.HitAt5:0.000} | {s.MrrAt5:0.000} | {s.AutoAnsweredCorrectly:0.000} | {s.AutoAnswerPrecision:0.000} | {s.NegativesAnswered} |"));
                }

                return VerbRunner.Ok;
            }

            var report = await new EvalRunner(index, followUpContext: !parse.GetValue(alone)).RunAsync(items, parse.GetValue(retrieval), cancellationToken: token);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, new
                {
                    summary = report.Summary,
                    items = report.Items.Select(i => new
                    {
                        query = i.Item.Query,
                        follow_up_of = i.Item.FollowUpOf,
                        kind = i.Item.Kind,
                        decision = i.Decision,
                        reason = i.Answer.Reason,
                        confidence = Math.Round(i.Answer.Confidence, 4),
                        evidence = i.Answer.Evidence,
                        rank = i.Rank,
                        // every question of the pair (first and follow-ups), as the hit rule reads them
                        results = i.Candidates.Select(c => new { id = c.Pair.Id, file = c.Pair.Weekly.File, asker = c.Pair.Asker, question = string.Join("\n", c.Pair.Turns.Select(t => t.Question)), score = Math.Round(c.Score, 4), lexical = Math.Round(c.Lexical, 3), vector = Math.Round(c.Vector, 3), coverage = Math.Round(c.Coverage, 3) }),
                    }),
                });
                return VerbRunner.Ok;
            }

            var summary = report.Summary;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
                Questions:               {summary.Items} ({summary.Positives} with an answer, {summary.Negatives} without)
                Hit@1:                   {summary.HitAt1:0.000}
                Hit@5:                   {summary.HitAt5:0.000}
                MRR@5:                   {summary.MrrAt5:0.000}
                Auto-answered correctly: {summary.AutoAnsweredCorrectly:0.000} of the questions with an answer
                Auto-answer precision:   {summary.AutoAnswerPrecision:0.000}
                Negatives answered:      {summary.NegativesAnswered} (suggested: {summary.NegativesSuggested})
                """));
            if (summary.BrokenItems > 0)
            {
                await output.WriteLineAsync($"Items whose expected pair is not in the corpus: {summary.BrokenItems}");
            }

            if (report.ByKind.Count > 1)
            {
                await output.WriteLineAsync("\n| kind | items | Hit@1 | auto-answered correctly | answered, wrong or should not | suggested |");
                await output.WriteLineAsync("| --- | --- | --- | --- | --- | --- |");
                foreach (var (kind, s) in report.ByKind)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"| {kind} | {s.Items} | {(s.Positives == 0 ? "–" : s.HitAt1.ToString("0.00", CultureInfo.InvariantCulture))} | {(s.Positives == 0 ? "–" : s.AutoAnsweredCorrectly.ToString("0.00", CultureInfo.InvariantCulture))} | {s.AnsweredWrong} | {s.PositivesSuggested + s.NegativesSuggested} |"));
                }
            }

            return VerbRunner.Ok;
        }, ct));
        return command;
    }

    /// <summary>Reads an eval file, or prints why it cannot (missing file, or file and line of a bad item).</summary>
    public static async Task<(List<EvalItem>? Items, int Failure)> ReadItemsAsync(FileInfo path, TextWriter error)
    {
        if (!path.Exists)
        {
            await error.WriteLineAsync($"error: eval file not found: {path.FullName}");
            return (null, VerbRunner.NotFound);
        }

        try
        {
            return (EvalItem.ReadFile(path.FullName), VerbRunner.Ok);
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return (null, VerbRunner.BadSetup);
        }
    }
}
