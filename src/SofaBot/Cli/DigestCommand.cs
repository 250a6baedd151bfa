using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Corpus;
using SofaBot.Learning;
using SofaBot.Review;
using SofaBot.Review.Digest;
using SofaBot.Storage;

namespace SofaBot.Cli;

/// <summary><c>digest</c>: the period's questions from the state store as a draft of the next weekly's Q&amp;A
/// section, in the SOFA Weekly format the corpus reads back (<see cref="DigestWeeklyWriter"/>).</summary>
internal static class DigestCommand
{
    public static Command Build()
    {
        var since = new Option<string>("--since")
        {
            Description = "How far back to look: a whole number and h, d or w (24h, 7d, 2w)",
            DefaultValueFactory = _ => DigestPeriod.Default,
        };
        since.Validators.Add(result =>
        {
            if (DigestPeriod.Parse(result.GetValueOrDefault<string>(), out var error) is null)
            {
                result.AddError($"--since: {error}");
            }
        });
        var output = new Option<string?>("--out")
        {
            Description = "The file to write (default: sofabot-digest-<date>.md in the current folder; - for standard output)",
        };
        var anonymous = new Option<bool>("--anonymous") { Description = "Name every asker 匿名" };
        var command = new Command("digest", "Write the period's well-answered and unanswered questions as a draft of the next SOFA Weekly's Q&A section")
        {
            since, output, anonymous,
        };
        command.SetAction((parse, ct) => VerbRunner.RunAsync(
            parse,
            (services, stdout, token) => RunAsync(services, stdout, DigestPeriod.Parse(parse.GetValue(since), out _)!.Value, parse.GetValue(output), parse.GetValue(anonymous), token),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter stdout, TimeSpan period, string? path, bool anonymous, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IStateStore>().InitializeAsync(cancellationToken);
        var pairs = await PairFinderAsync(services, cancellationToken);
        var builder = ActivatorUtilities.CreateInstance<WeeklyDigestBuilder>(services);
        var digest = await builder.BuildAsync(DateTimeOffset.UtcNow, period, anonymous, pairs, cancellationToken);
        var markdown = DigestWeeklyWriter.Write(digest);
        if (path == "-")
        {
            await stdout.WriteAsync(markdown);
            return VerbRunner.Ok;
        }

        var file = Path.GetFullPath(path ?? DigestWeeklyWriter.FileName(DigestWeeklyWriter.WeeklyDay(digest.To)));
        await File.WriteAllTextAsync(file, markdown, cancellationToken);
        await stdout.WriteLineAsync($"Wrote {digest.Answered.Count} answered and {digest.Unanswered.Count} unanswered {(digest.Unanswered.Count == 1 ? "question" : "questions")} to {file}");
        return VerbRunner.Ok;
    }

    /// <summary>The pairs automatic answers quoted: the corpus's, and those learned in review (the bot answers from
    /// both). The corpus is read as <c>corpus stats</c> reads it; no index is built.</summary>
    private static async Task<Func<string, QaPair?>> PairFinderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var corpus = services.GetRequiredService<KnowledgeBase>();
        var learned = (await services.GetRequiredService<IReviewStore>().ListLearnedAsync(cancellationToken))
            .Where(e => e.Kind == LearnedKind.Pair)
            .Select(e => LearnedPairs.ToPair(e))
            .ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        return id => corpus.Find(id) ?? learned.GetValueOrDefault(id.Trim());
    }
}
