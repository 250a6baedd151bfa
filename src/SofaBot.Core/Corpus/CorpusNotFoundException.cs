namespace SofaBot.Corpus;

/// <summary>The corpus path does not exist; nothing can be loaded.</summary>
public sealed class CorpusNotFoundException(string path)
    : Exception($"corpus not found: {path} is neither a folder nor a file")
{
    public string CorpusPath { get; } = path;
}
