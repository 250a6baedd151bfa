using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Learning;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Cli;

/// <summary><c>corpus export-learned</c>: the answers maintainers wrote or edited in review, as a weekly-format
/// Markdown file the corpus reads like any weekly, to publish in the next SOFA Weekly and commit to <c>corpus/</c>.</summary>
internal static class ExportLearnedCommand
{
    public static Command Build()
    {
        var output = new Option<string?>("--out")
        {
            Description = "The file to write (default: sofabot-learned-<date>.md in the current folder; - for standard output)",
        };
        var command = new Command("export-learned", "Write the learned Q&A pairs (edited or new answers approved in review) as a weekly-format Markdown file") { output };
        command.SetAction((parse, ct) => VerbRunner.RunAsync(parse, (services, stdout, token) => RunAsync(services, stdout, parse.GetValue(output), token), ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter stdout, string? path, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IStateStore>().InitializeAsync(cancellationToken);
        var learned = await services.GetRequiredService<IReviewStore>().ListLearnedAsync(cancellationToken);
        var pairs = learned.Where(e => e.Kind == LearnedKind.Pair).Select(e => LearnedPairs.ToPair(e)).ToList();
        if (pairs.Count == 0)
        {
            await stdout.WriteLineAsync("Nothing learned yet: no edited or new answers have been approved in review.");
            return VerbRunner.Ok;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var markdown = LearnedWeeklyWriter.Write(pairs, today);
        if (path == "-")
        {
            await stdout.WriteAsync(markdown);
            return VerbRunner.Ok;
        }

        var file = Path.GetFullPath(path ?? LearnedWeeklyWriter.FileName(today));
        await File.WriteAllTextAsync(file, markdown, cancellationToken);
        await stdout.WriteLineAsync($"Wrote {pairs.Count} learned {(pairs.Count == 1 ? "pair" : "pairs")} to {file}");
        return VerbRunner.Ok;
    }
}
