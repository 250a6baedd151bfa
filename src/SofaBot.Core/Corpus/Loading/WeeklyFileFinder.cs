namespace SofaBot.Corpus.Loading;

/// <summary>Finds the weekly files of a corpus: a flat folder of <c>*.md</c>/<c>*.txt</c>, or a checkout of the
/// sofastack.tech site (<c>content/zh/blog/&lt;slug&gt;/index.md</c>), searched recursively.</summary>
internal static class WeeklyFileFinder
{
    private static readonly string[] Extensions = [".md", ".markdown", ".txt"];

    // not content: version control, dependencies, build output
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "node_modules", "bin", "obj", "public", "resources" };

    /// <summary>The files, ordered by relative path; throws <see cref="CorpusNotFoundException"/> for a missing path.</summary>
    public static (string Root, List<WeeklyFile> Files) Find(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var root = Path.GetDirectoryName(full)!;
            return (full, [ToWeeklyFile(full, root)]);
        }

        if (!Directory.Exists(full))
        {
            throw new CorpusNotFoundException(full);
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        var files = Directory.EnumerateFiles(full, "*", options)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !Path.GetFileName(f).StartsWith('_')) // Hugo's _index.md list pages
            .Where(f => !Path.GetRelativePath(full, f).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains))
            .Select(f => ToWeeklyFile(f, full))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
        return (full, files);
    }

    private static WeeklyFile ToWeeklyFile(string file, string root)
    {
        var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
        var stem = Path.GetFileNameWithoutExtension(file);
        var slug = stem.Equals("index", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(Path.GetDirectoryName(file)) is { Length: > 0 } folder
            ? folder
            : stem;
        return new WeeklyFile(file, relative, slug);
    }
}
