namespace SofaBot.Tests.Fixtures;

/// <summary>Where the tests find the repository, its bundled sample corpus, and the full corpus beside it.</summary>
public static class TestPaths
{
    /// <summary>The repository root: the folder holding SofaBot.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "SofaBot.sln")))
        ?? throw new InvalidOperationException($"SofaBot.sln not found above {AppContext.BaseDirectory}");

    /// <summary>The five seed documents bundled in corpus/.</summary>
    public static string BundledCorpus => Path.Combine(RepositoryRoot, "corpus");

    public static string ShapesSource => Path.Combine(RepositoryRoot, "tests", "SofaBot.Tests", "TestData", "shapes");

    public static string AppSettings => Path.Combine(RepositoryRoot, "appsettings.json");

    /// <summary>All 192 weeklies, read in place from ../shared/corpus/sofastack-weekly (never copied into the
    /// repository); SOFABOT_WEEKLY_CORPUS overrides. Null when absent.</summary>
    public static string? FullCorpus { get; } = Environment.GetEnvironmentVariable("SOFABOT_WEEKLY_CORPUS") is { Length: > 0 } configured
        ? configured
        : FindUp(RepositoryRoot, d => Directory.Exists(Path.Combine(d, "shared", "corpus", "sofastack-weekly"))) is { } parent
            ? Path.Combine(parent, "shared", "corpus", "sofastack-weekly")
            : null;

    /// <summary>The community's eval questions beside the full corpus (../shared/eval/dev.jsonl), or null.</summary>
    public static string? DevEval => BesideFullCorpus("dev.jsonl");

    /// <summary>The group-chat eval questions beside the full corpus (../shared/eval/chat.jsonl), or null.</summary>
    public static string? ChatEval => BesideFullCorpus("chat.jsonl");

    private static string? BesideFullCorpus(string evalFile) =>
        FullCorpus is null ? null : Path.GetFullPath(Path.Combine(FullCorpus, "..", "..", "eval", evalFile));

    private static string? FindUp(string start, Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (found(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
