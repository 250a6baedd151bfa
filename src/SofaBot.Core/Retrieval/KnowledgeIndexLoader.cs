using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SofaBot.Corpus.Loading;
using SofaBot.Diagnostics;
using SofaBot.Retrieval.Snapshot;

namespace SofaBot.Retrieval;

/// <summary>Gives the verbs and the bot their index: from the snapshot when it was made from this very corpus, these
/// settings and this build; otherwise by reading and indexing the corpus, then writing the snapshot for the next
/// start. Either way the index answers every message the same.</summary>
/// <param name="corpusPath">The corpus folder (or file), as a full path or relative to the current directory.</param>
/// <param name="maxFileBytes">Larger weeklies are skipped (<c>Corpus:MaxFileMegabytes</c>).</param>
/// <param name="snapshots">The snapshot file; null when <c>Retrieval:Snapshot:Enabled</c> is false.</param>
public sealed class KnowledgeIndexLoader(
    CorpusLoader corpusLoader,
    KnowledgeIndexBuilder builder,
    string corpusPath,
    long maxFileBytes,
    IndexSnapshotStore? snapshots,
    ILogger<KnowledgeIndexLoader> logger)
{
    public async Task<KnowledgeIndex> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (snapshots is null)
        {
            return await BuildAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();

        // the key is taken before the corpus is read: a weekly edited while indexing makes the next start rebuild,
        // never keeps an index of the old text under the new text's key
        var key = snapshots.Key(corpusPath, maxFileBytes);
        if (snapshots.TryRead(key) is { } snapshot)
        {
            try
            {
                var index = await builder.RestoreAsync(snapshot, cancellationToken);
                logger.SnapshotLoaded(index.KnowledgeBase.Pairs.Count, index.Retriever.Count, snapshots.File, clock.Elapsed.TotalMilliseconds);
                return index;
            }
            catch (InvalidDataException e)
            {
                snapshots.Unusable($"its parts do not fit together: {e.Message}");
            }
        }

        var built = await BuildAsync(cancellationToken);
        snapshots.Write(key, IndexSnapshot.Of(built));
        return built;
    }

    private Task<KnowledgeIndex> BuildAsync(CancellationToken cancellationToken) =>
        builder.BuildAsync(corpusLoader.Load(corpusPath, maxFileBytes, cancellationToken), cancellationToken);
}
