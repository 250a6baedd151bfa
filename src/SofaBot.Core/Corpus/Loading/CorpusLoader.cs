using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SofaBot.Corpus.Parsing;
using SofaBot.Diagnostics;
using SofaBot.Projects;

namespace SofaBot.Corpus.Loading;

/// <summary>Loads a corpus of weeklies into a <see cref="KnowledgeBase"/>. One bad file never stops the others.</summary>
public sealed class CorpusLoader(ProjectCatalog catalog, ILogger<CorpusLoader> logger)
{
    private readonly ProjectLinkResolver _resolver = new(catalog);

    /// <summary>Reads every weekly under <paramref name="path"/>.</summary>
    /// <exception cref="CorpusNotFoundException">The path is neither a folder nor a file.</exception>
    public KnowledgeBase Load(string path, long maxFileBytes, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var (root, files, warnings) = WeeklyFileFinder.Find(path);
        var results = new FileResult[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = ReadFile(files[i], maxFileBytes));

        if (files.Count == 0)
        {
            warnings.Add(new CorpusWarning(PrintableName.Of(root), null, "no weekly files (*.md, *.txt) found"));
        }

        var weeklies = new List<Weekly>();
        var pairs = new List<QaPair>();
        var slugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var skipped = 0;
        foreach (var result in results)
        {
            warnings.AddRange(result.Warnings);
            if (result.Parsed is null)
            {
                skipped++;
                continue;
            }

            // two files with one slug (a .md and its .txt export): keep both, with distinct ids
            var slug = result.File.Slug;
            for (var n = 2; !slugs.Add(slug); n++)
            {
                slug = $"{result.File.Slug}~{n}";
            }

            var header = result.Parsed.Header;
            var weekly = new Weekly(slug, header.Title!, header.Date, Weekly.UrlForSlug(result.File.Slug), result.File.RelativePath);
            weeklies.Add(weekly);
            QaPair? previous = null;
            foreach (var (raw, i) in result.Parsed.Pairs.Select((raw, i) => (raw, i)))
            {
                var pair = ToPair(raw, weekly, i + 1);
                if (pair.Project.Source == LinkSource.Fallback && previous is { Asker: { } asker, Project.Source: not LinkSource.Fallback } && asker == pair.Asker)
                {
                    // nothing in the pair names a project, but the same asker's question just before it did
                    pair = pair with { Project = pair.Project with { Name = previous.Project.Name, Url = previous.Project.Url, Source = LinkSource.Filled } };
                }

                pairs.Add(pair);
                previous = pair;
            }
        }

        pairs = pairs
            .OrderBy(p => p.Weekly.Date ?? DateOnly.MaxValue)
            .ThenBy(p => p.Weekly.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ToList();
        var stats = new CorpusStats
        {
            FilesRead = files.Count - skipped,
            FilesSkipped = skipped,
            FilesWithQa = pairs.Select(p => p.Weekly.File).Distinct().Count(),
            Pairs = pairs.Count,
            Turns = pairs.Sum(p => p.Turns.Count),
            PairsWithoutAnswer = pairs.Count(p => !p.IsAnswered),
            Links = Enum.GetValues<LinkSource>().ToDictionary(s => s, s => pairs.Count(p => p.Project.Source == s)),
            Warnings = warnings.Count,
            ElapsedMilliseconds = clock.Elapsed.TotalMilliseconds,
        };
        logger.CorpusLoaded(stats.Pairs, stats.FilesRead, root, stats.Warnings, stats.ElapsedMilliseconds);
        return new KnowledgeBase(root, weeklies, pairs, warnings, stats);
    }

    private FileResult ReadFile(WeeklyFile file, long maxFileBytes)
    {
        var (text, problem) = WeeklyFileReader.Read(file, maxFileBytes);
        if (text is null)
        {
            return new FileResult(file, null, [new CorpusWarning(file.RelativePath, null, problem!)]);
        }

        try
        {
            var parsed = WeeklyParser.Parse(text, file.RelativePath, file.Slug);
            return new FileResult(file, parsed, parsed.Warnings);
        }
#pragma warning disable CA1031 // a file the parser chokes on is reported and skipped; the rest of the corpus loads
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.WeeklyParseFailed(e, file.RelativePath);
            return new FileResult(file, null, [new CorpusWarning(file.RelativePath, null, $"skipped: could not be parsed ({e.GetType().Name}: {PrintableName.InMessage(e.Message)})")]);
        }
    }

    private QaPair ToPair(RawPair raw, Weekly weekly, int position)
    {
        var turns = raw.Turns.Select(t => new QaTurn(Tidy(t.Question.ToString()), Tidy(t.Answer.ToString()))).ToList();
        var question = string.Join('\n', turns.Select(t => t.Question).Prepend(raw.Topic ?? ""));
        var answer = string.Join('\n', turns.Select(t => t.Answer));
        var project = _resolver.Resolve(raw.Links, raw.IssueHeaderProject, question, answer);
        return new QaPair
        {
            Id = $"{weekly.Slug}:{position}",
            Weekly = weekly,
            Asker = raw.Asker,
            Topic = raw.Topic,
            Turns = turns,
            Project = project,
            IssueUrl = IssueUrl(raw, project),
            Line = raw.Line,
        };
    }

    /// <summary>The issue an "issue 精选" pair came from: the printed issue link, else the project's issue of that number.</summary>
    private static string? IssueUrl(RawPair raw, ProjectLink project)
    {
        var printed = raw.Links.Select(l => l.Url).FirstOrDefault(u => u.Contains("/issues/", StringComparison.Ordinal) || u.Contains("/pull/", StringComparison.Ordinal));
        if (printed is not null)
        {
            return printed.Replace("*", "", StringComparison.Ordinal);
        }

        return raw.Issue is int number && project.Source != LinkSource.Fallback ? $"{project.Url}/issues/{number}" : null;
    }

    private static string Tidy(string markdown) => string.Join('\n', markdown.Split('\n').Select(l => l.TrimEnd())).Trim();

    private sealed record FileResult(WeeklyFile File, ParsedWeekly? Parsed, IReadOnlyList<CorpusWarning> Warnings);
}
