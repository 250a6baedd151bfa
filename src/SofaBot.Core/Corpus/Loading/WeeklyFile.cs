namespace SofaBot.Corpus.Loading;

/// <summary>A weekly file found in the corpus.</summary>
/// <param name="FullPath">Where it is on disk.</param>
/// <param name="RelativePath">Its path relative to the corpus root, with forward slashes and control characters
/// escaped (<see cref="PrintableName"/>): used in ids and messages.</param>
/// <param name="Slug">The post's slug: the file stem, or the folder of a Hugo bundle (<c>slug/index.md</c>), escaped the same way.</param>
internal sealed record WeeklyFile(string FullPath, string RelativePath, string Slug);
