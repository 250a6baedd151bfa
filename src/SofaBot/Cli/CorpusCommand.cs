using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Corpus;

namespace SofaBot.Cli;

/// <summary><c>corpus stats | export | show</c>: look at the knowledge base SofaBot reads from the weeklies.</summary>
internal static class CorpusCommand
{
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print JSON instead of text" };

    public static Command Build()
    {
        var stats = new Command("stats", "Files read, files with Q&A, pairs, turns, where the project links came from, warnings") { JsonOption };
        stats.SetAction((parse, ct) => VerbRunner.RunAsync(parse, (services, output, _) => StatsAsync(services, output, parse.GetValue(JsonOption)), ct));

        var export = new Command("export", "Every pair with all its fields, as one JSON array") { JsonOption };
        export.SetAction((parse, ct) => VerbRunner.RunAsync(parse, (services, output, _) => ExportAsync(services, output), ct));

        var id = new Argument<string>("id") { Description = "A pair id, as printed by 'corpus export' (for example sofa-weekly-20211119:2)" };
        var show = new Command("show", "One pair, as SofaBot would quote it") { id, JsonOption };
        show.SetAction((parse, ct) => VerbRunner.RunAsync(parse, (services, output, _) => ShowAsync(services, output, parse.GetValue(id)!, parse.GetValue(JsonOption), parse.InvocationConfiguration.Error), ct));

        return new Command("corpus", "Inspect the Q&A knowledge base read from the weeklies") { stats, export, show, ExportLearnedCommand.Build() };
    }

    private static async Task<int> StatsAsync(IServiceProvider services, TextWriter output, bool json)
    {
        var kb = services.GetRequiredService<KnowledgeBase>();
        var s = kb.Stats;
        if (json)
        {
            await JsonOutput.WriteAsync(output, new
            {
                corpus = kb.Root,
                files_read = s.FilesRead,
                files_skipped = s.FilesSkipped,
                files_with_qa = s.FilesWithQa,
                pairs = s.Pairs,
                pairs_without_answer = s.PairsWithoutAnswer,
                turns = s.Turns,
                links = s.Links,
                links_from_project_map = s.LinksFromProjectMap,
                warnings = kb.Warnings.Select(w => w.ToString()).ToList(),
                elapsed_ms = Math.Round(s.ElapsedMilliseconds, 1),
            });
            return VerbRunner.Ok;
        }

        var links = s.Links;
        await output.WriteLineAsync($"""
            Corpus:            {kb.Root}
            Files read:        {s.FilesRead}{(s.FilesSkipped > 0 ? $" ({s.FilesSkipped} skipped)" : "")}
            Files with Q&A:    {s.FilesWithQa}
            Pairs:             {s.Pairs}{(s.PairsWithoutAnswer > 0 ? $" ({s.PairsWithoutAnswer} printed without an answer)" : "")}
            Turns:             {s.Turns}
            Links as printed:  {links[LinkSource.Weekly]}
            Links from map:    {s.LinksFromProjectMap} (filled {links[LinkSource.Filled]}, corrected {links[LinkSource.Corrected]}, fallback {links[LinkSource.Fallback]})
            Warnings:          {kb.Warnings.Count}
            Loaded in:         {s.ElapsedMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms
            """);
        foreach (var warning in kb.Warnings)
        {
            await output.WriteLineAsync("  warning: " + warning);
        }

        return VerbRunner.Ok;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, TextWriter output)
    {
        var kb = services.GetRequiredService<KnowledgeBase>();
        await JsonOutput.WriteAsync(output, kb.Pairs);
        return VerbRunner.Ok;
    }

    private static async Task<int> ShowAsync(IServiceProvider services, TextWriter output, string id, bool json, TextWriter error)
    {
        var kb = services.GetRequiredService<KnowledgeBase>();
        if (kb.Find(id) is not { } pair)
        {
            var near = kb.Pairs.Where(p => p.Id.StartsWith(id.Split(':')[0], StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).Take(8).ToList();
            await error.WriteLineAsync($"no pair with id \"{id}\"" + (near.Count > 0 ? $"; this weekly has: {string.Join(", ", near)}" : "; list the ids with 'corpus export'"));
            return VerbRunner.NotFound;
        }

        if (json)
        {
            await JsonOutput.WriteAsync(output, pair);
        }
        else
        {
            await output.WriteLineAsync(QaPairQuote.Format(pair));
        }

        return VerbRunner.Ok;
    }
}
