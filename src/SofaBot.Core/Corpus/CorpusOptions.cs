namespace SofaBot.Corpus;

/// <summary>The <c>Corpus</c> section of configuration.</summary>
public sealed class CorpusOptions
{
    public const string SectionName = "Corpus";

    /// <summary>A folder of weeklies (<c>*.md</c>, <c>*.txt</c>, searched recursively, so a checkout of the
    /// sofastack.tech site works too) or a single weekly file. Relative paths are relative to the content root.</summary>
    public string Path { get; set; } = "corpus";

    /// <summary>Files larger than this are skipped with a warning; the largest real weekly is about 20 KB.</summary>
    public double MaxFileMegabytes { get; set; } = 4;

    public long MaxFileBytes => (long)(MaxFileMegabytes * 1024 * 1024);
}
