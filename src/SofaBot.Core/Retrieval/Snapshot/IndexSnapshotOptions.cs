namespace SofaBot.Retrieval.Snapshot;

/// <summary><c>Retrieval:Snapshot</c>: where the index snapshot is kept, so a start reads it instead of parsing and
/// indexing the corpus again.</summary>
public sealed class IndexSnapshotOptions
{
    /// <summary>Off: every start parses and indexes the corpus, and nothing is written.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folder of the snapshot file; a relative path is relative to the content root, beside the SQLite
    /// store's <c>data/sofabot.db</c>.</summary>
    public string Folder { get; set; } = "data/index";
}
