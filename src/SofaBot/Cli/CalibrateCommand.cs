using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Answering.Calibration;
using SofaBot.Hosting;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Cli;

/// <summary><c>calibrate --eval &lt;file.jsonl&gt;…</c>: refits the confidence weights and the bars from eval sets and the
/// review log, with cross-validation, prints before and after, and writes <c>data/calibration.json</c>, which
/// <c>serve</c>, <c>ask</c> and <c>eval</c> read. It never writes a bar whose measured precision is under 0.98, and
/// writes nothing when the labels are too few (exit code 2).</summary>
internal static class CalibrateCommand
{
    public static Command Build()
    {
        var eval = new Option<FileInfo[]>("--eval") { Description = "Eval sets (JSON lines, as eval reads them); repeat or list several", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var noReviewLog = new Option<bool>("--no-review-log") { Description = "Leave out the review log (what maintainers and askers said about the bot's decisions)" };
        var folds = new Option<int>("--folds") { Description = "Folds of the cross-validation", DefaultValueFactory = _ => 10 };
        folds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 2 or > 100)
            {
                result.AddError($"--folds must be between 2 and 100 (was {result.GetValueOrDefault<int>()})");
            }
        });
        var output = new Option<FileInfo?>("--out") { Description = $"Where to write the result (default {CalibrationFile.PathKey}, {CalibrationFile.DefaultPath} under the content root)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print before and after, write nothing" };
        var command = new Command("calibrate", "Refit the confidence weights and bars from eval sets and the review log, with cross-validation") { eval, noReviewLog, folds, output, dryRun };
        command.SetAction((parse, ct) => VerbRunner.RunAsync(parse, async (services, writer, token) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var files = parse.GetValue(eval) ?? [];
            if (files.Length == 0 && parse.GetValue(noReviewLog))
            {
                await error.WriteLineAsync("error: nothing to calibrate on: give --eval files, or leave out --no-review-log");
                return VerbRunner.NotFound;
            }

            var options = services.GetRequiredService<IOptions<AnsweringOptions>>().Value;
            var index = await IndexLoader.LoadAsync(services, token);
            var sets = new List<CalibrationSet>();
            foreach (var file in files)
            {
                var (items, failure) = await EvalCommand.ReadItemsAsync(file, error);
                if (items is null)
                {
                    return failure;
                }

                sets.Add(await CalibrationSets.FromEvalAsync(file.Name, items, index, options, token));
            }

            if (!parse.GetValue(noReviewLog))
            {
                sets.Add(await CalibrationSets.FromReviewLogAsync(services.GetRequiredService<IDecisionLog>(), services.GetRequiredService<IReviewStore>(), token));
            }

            var result = Calibrator.Run(sets, ConfidenceModel.Of(options.Confidence), options.AutoAnswerMinConfidence, options.ShowClosestMinConfidence, parse.GetValue(folds));
            await CalibrationReport.WriteAsync(writer, sets, result, options);
            if (result.RefusedBecause is { } why)
            {
                await error.WriteLineAsync($"calibrate: {why}. Nothing was written.");
                return VerbRunner.BadSetup;
            }

            if (parse.GetValue(dryRun))
            {
                await writer.WriteLineAsync("\nDry run: nothing was written.");
                return VerbRunner.Ok;
            }

            var environment = services.GetRequiredService<IHostEnvironment>();
            var path = parse.GetValue(output)?.FullName ?? CalibrationFile.Locate(services.GetRequiredService<IConfiguration>(), environment.ContentRootPath);
            CalibrationFile.Write(path, result.Model!, result.AnswerBar, result.SuggestBar);
            await writer.WriteLineAsync($"\nWrote {path}: serve, ask and eval read it at their next start (environment variables still override it).");
            return VerbRunner.Ok;
        }, ct));
        return command;
    }
}
