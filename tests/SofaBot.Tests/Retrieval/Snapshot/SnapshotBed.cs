using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Corpus.Loading;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Snapshot;
using SofaBot.Retrieval.Vectors;
using SofaBot.Tests.Embeddings;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary>One start of the program's index loading: the index it gave and what it logged.</summary>
public sealed record SnapshotStart(KnowledgeIndex Index, RecordingLoggerProvider Logs)
{
    /// <summary>It read the snapshot: no weekly was parsed, and it said it loaded the snapshot.</summary>
    public bool ReadSnapshot => Logs.Entries.Any(e => e.EventId.Id == 2010) && !Logs.Entries.Any(e => e.EventId.Id == 1001);

    /// <summary>It parsed the corpus and indexed it.</summary>
    public bool Built => Logs.Entries.Any(e => e.EventId.Id == 1001) && Logs.Entries.Any(e => e.EventId.Id == 2004);

    /// <summary>The lines of one event id.</summary>
    public IReadOnlyList<LogEntry> Lines(int eventId) => [.. Logs.Entries.Where(e => e.EventId.Id == eventId)];

    public IReadOnlyList<LogEntry> Warnings => [.. Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)];
}

/// <summary>A corpus and a snapshot folder in a temp folder, and the real loader over them as a start of the program
/// builds it: the real corpus loader, index builder and snapshot store, the shipped settings (which a test may
/// change), a logger that records every line. Every <see cref="StartAsync"/> is a new start with new objects.</summary>
public sealed class SnapshotBed : IDisposable
{
    private readonly TempDirectory _folder = new();

    /// <param name="corpus">A corpus read in place; default: a copy of the bundled corpus the test may change.</param>
    public SnapshotBed(string? corpus = null)
    {
        if (corpus is null)
        {
            corpus = _folder.Combine("corpus");
            Directory.CreateDirectory(corpus);
            foreach (var file in Directory.GetFiles(TestPaths.BundledCorpus))
            {
                File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
            }
        }

        Corpus = corpus;
        Retrieval.Snapshot.Folder = SnapshotFolder;
    }

    public string Corpus { get; }

    public string SnapshotFolder => _folder.Combine("data/index");

    /// <summary>The Retrieval section of the next starts: the shipped one, with the snapshot in this bed's folder.</summary>
    public RetrievalOptions Retrieval { get; } = TestIndex.RetrievalOptions();

    /// <summary>The Projects section of the next starts (a fresh copy of the shipped one).</summary>
    public ProjectsOptions Projects { get; set; } = ShippedProjects();

    /// <summary>The Answering section of the next starts (a fresh copy of the shipped one).</summary>
    public AnsweringOptions Answering { get; } = TestIndex.AnsweringOptions();

    public double MaxFileMegabytes { get; set; } = 4;

    /// <summary>Embedders besides the built-in ones, for <c>Retrieval:Embedder</c> to name.</summary>
    public List<IEmbedderProvider> Embedders { get; } = [];

    /// <summary>The snapshot file the store reads and writes.</summary>
    public string SnapshotFile => Store(new RecordingLoggerProvider()).File;

    public string CorpusFile(string name) => Path.Combine(Corpus, name);

    public static ProjectsOptions ShippedProjects() =>
        new ConfigurationBuilder().AddJsonFile(TestPaths.AppSettings).Build().GetSection(ProjectsOptions.SectionName).Get<ProjectsOptions>()!;

    public async Task<SnapshotStart> StartAsync()
    {
        var logs = new RecordingLoggerProvider();
        var catalog = ProjectsOptionsValidator.CreateCatalog(Projects);
        var options = Options.Create(Retrieval);
        var builder = new KnowledgeIndexBuilder(catalog, options, Options.Create(Answering),
            [new CorpusEmbedderProvider(options), new NoEmbedderProvider(), .. Embedders], logs.CreateLogger<KnowledgeIndexBuilder>());
        var loader = new KnowledgeIndexLoader(
            new CorpusLoader(catalog, logs.CreateLogger<CorpusLoader>()),
            builder,
            Corpus,
            (long)(MaxFileMegabytes * 1024 * 1024),
            Retrieval.Snapshot.Enabled ? Store(logs) : null,
            logs.CreateLogger<KnowledgeIndexLoader>());
        return new SnapshotStart(await loader.LoadAsync(), logs);
    }

    /// <summary>The store a start uses, for tests that write or read the file themselves.</summary>
    public IndexSnapshotStore Store(RecordingLoggerProvider logs) =>
        new(Retrieval.Snapshot.Folder, Projects, Retrieval, logs.CreateLogger<IndexSnapshotStore>());

    /// <summary>Everything a decision says about a message, floats to the last bit: two indexes that answer alike
    /// give equal lists.</summary>
    public static async Task<List<string>> DecisionsAsync(KnowledgeIndex index, IEnumerable<string> messages)
    {
        var lines = new List<string>();
        foreach (var message in messages)
        {
            var decision = await index.DecideAsync(message);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{message} → {decision.Kind} ({decision.Reason}) {decision.Confidence:R} {decision.Evidence}"));
            lines.AddRange(decision.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"  {c.Pair.Id} turn {c.Turn} unit {c.Unit}: lexical {c.Lexical:R} vector {c.Vector:R} score {c.Score:R} agreement {c.Agreement}")));
        }

        return lines;
    }

    public void Dispose() => _folder.Dispose();
}
