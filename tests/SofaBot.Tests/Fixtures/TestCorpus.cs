using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using SofaBot.Corpus;
using SofaBot.Corpus.Loading;
using SofaBot.Projects;

namespace SofaBot.Tests.Fixtures;

/// <summary>Loads corpora with the real loader and the project map from the repository's appsettings.json.</summary>
public static class TestCorpus
{
    private static readonly Lazy<KnowledgeBase> Full = new(() => Load(TestPaths.FullCorpus
        ?? throw new InvalidOperationException("the full corpus is not on this machine: put it at ../shared/corpus/sofastack-weekly or set SOFABOT_WEEKLY_CORPUS")));

    public static ProjectsOptions ProjectsOptions { get; } = new ConfigurationBuilder()
        .AddJsonFile(TestPaths.AppSettings)
        .Build()
        .GetSection(ProjectsOptions.SectionName)
        .Get<ProjectsOptions>()!;

    public static ProjectCatalog Catalog { get; } = ProjectsOptionsValidator.CreateCatalog(ProjectsOptions);

    /// <summary>The full corpus, loaded once for all tests that read it.</summary>
    public static KnowledgeBase FullCorpus => Full.Value;

    public static KnowledgeBase Load(string path, long maxFileBytes = 4 * 1024 * 1024) =>
        new CorpusLoader(Catalog, NullLogger<CorpusLoader>.Instance).Load(path, maxFileBytes);
}
