using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Corpus;
using SofaBot.Corpus.Loading;
using SofaBot.Evaluation;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Benchmarks;

/// <summary>The corpus and settings the benchmarks run on: the full corpus beside the repository
/// (../shared/corpus/sofastack-weekly, or SOFABOT_WEEKLY_CORPUS) when present, else the bundled sample; the
/// repository's appsettings.json; the community's dev questions when present, else the corpus's own questions.</summary>
internal static class BenchmarkCorpus
{
    private static readonly string Root = FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "SofaBot.sln")))
        ?? throw new InvalidOperationException("run the benchmarks from inside the repository");

    private static readonly IConfiguration Configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "appsettings.json")).Build();

    public static string CorpusPath => Environment.GetEnvironmentVariable("SOFABOT_WEEKLY_CORPUS") is { Length: > 0 } configured
        ? configured
        : FindUp(Root, d => Directory.Exists(Path.Combine(d, "shared", "corpus", "sofastack-weekly"))) is { } parent
            ? Path.Combine(parent, "shared", "corpus", "sofastack-weekly")
            : Path.Combine(Root, "corpus");

    public static ProjectCatalog Catalog { get; } = ProjectsOptionsValidator.CreateCatalog(Bind<ProjectsOptions>(ProjectsOptions.SectionName));

    public static RetrievalOptions Retrieval => Bind<RetrievalOptions>(RetrievalOptions.SectionName);

    public static KnowledgeBase Load() => new CorpusLoader(Catalog, NullLogger<CorpusLoader>.Instance).Load(CorpusPath, 4 * 1024 * 1024);

    public static KnowledgeIndexBuilder Builder()
    {
        var retrieval = Options.Create(Retrieval);
        return new KnowledgeIndexBuilder(Catalog, retrieval, Options.Create(Bind<AnsweringOptions>(AnsweringOptions.SectionName)),
            [new CorpusEmbedderProvider(retrieval), new NoEmbedderProvider()], NullLogger<KnowledgeIndexBuilder>.Instance);
    }

    public static string[] Messages(KnowledgeBase knowledgeBase)
    {
        var dev = Path.GetFullPath(Path.Combine(CorpusPath, "..", "..", "eval", "dev.jsonl"));
        return File.Exists(dev)
            ? EvalItem.ReadFile(dev).Select(i => i.Query).ToArray()
            : knowledgeBase.Pairs.Select(p => p.Question).ToArray();
    }

    private static T Bind<T>(string section)
        where T : new() => Configuration.GetSection(section).Get<T>() ?? new T();

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
