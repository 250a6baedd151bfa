namespace SofaBot.Corpus.Loading;

/// <summary>Finds the weekly files of a corpus: a flat folder of <c>*.md</c>/<c>*.txt</c>, or a checkout of the
/// sofastack.tech site (<c>content/zh/blog/&lt;slug&gt;/index.md</c>), searched recursively.</summary>
/// <remarks>Links to folders are followed, but every real folder is read once: a link back up the tree (or two
/// links to one folder) would otherwise make the walk list the same files under ever longer paths, without end.
/// The folders reached without links are read first, so a folder keeps its own path when a link also leads to it.</remarks>
internal static class WeeklyFileFinder
{
    private static readonly string[] Extensions = [".md", ".markdown", ".txt"];

    // not content: version control, dependencies, build output
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "node_modules", "bin", "obj", "public", "resources" };

    private static readonly EnumerationOptions OneFolder = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };

    /// <summary>The files, ordered by relative path, and a warning for every link to a folder already read; throws
    /// <see cref="CorpusNotFoundException"/> for a missing path.</summary>
    public static CorpusFiles Find(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var root = Path.GetDirectoryName(full)!;
            return new CorpusFiles(full, [ToWeeklyFile(full, root)], []);
        }

        if (!Directory.Exists(full))
        {
            throw new CorpusNotFoundException(full);
        }

        var files = new List<WeeklyFile>();
        var warnings = new List<CorpusWarning>();
        var read = new Dictionary<string, string>(StringComparer.Ordinal); // real path → the relative path it was read as
        var folders = new Queue<Folder>();
        var links = new Queue<Folder>();
        folders.Enqueue(new Folder(full, RealPath.Of(full) ?? full));
        while (folders.TryDequeue(out var folder) || links.TryDequeue(out folder))
        {
            var relative = Relative(full, folder.Path);
            if (folder.Real is null)
            {
                warnings.Add(new CorpusWarning(relative, null, "skipped: a link to a folder that goes round in links (more than 40 of them)"));
                continue;
            }

            if (!read.TryAdd(folder.Real, relative))
            {
                warnings.Add(new CorpusWarning(relative, null, $"skipped: a link to a folder already read as {AlreadyRead(read[folder.Real])} (following it again would read it again, or loop)"));
                continue;
            }

            foreach (var entry in Entries(folder.Path, relative, warnings))
            {
                if (entry is DirectoryInfo directory)
                {
                    if (!SkippedFolders.Contains(directory.Name))
                    {
                        // a real subfolder of a real folder is real as it is; a link is resolved
                        (directory.LinkTarget is null ? folders : links).Enqueue(new Folder(
                            directory.FullName, directory.LinkTarget is null ? Path.Join(folder.Real, directory.Name) : RealPath.Of(directory.FullName)));
                    }
                }
                else if (Extensions.Contains(entry.Extension, StringComparer.OrdinalIgnoreCase) && !entry.Name.StartsWith('_')) // Hugo's _index.md list pages
                {
                    files.Add(ToWeeklyFile(entry.FullName, full));
                }
            }
        }

        files.Sort((a, b) => StringComparer.Ordinal.Compare(a.RelativePath, b.RelativePath));
        return new CorpusFiles(full, files, warnings);
    }

    /// <summary>The entries of one folder, in name order so the walk is the same every time.</summary>
    private static List<FileSystemInfo> Entries(string folder, string relative, List<CorpusWarning> warnings)
    {
        try
        {
            return [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneFolder).OrderBy(e => e.Name, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new CorpusWarning(relative, null, $"skipped: the folder cannot be read: {PrintableName.InMessage(e.Message)}"));
            return [];
        }
    }

    private static string AlreadyRead(string relative) => relative == "." ? "the corpus folder itself" : $"\"{relative}\"";

    private static string Relative(string root, string path) => PrintableName.Of(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'));

    private static WeeklyFile ToWeeklyFile(string file, string root)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var slug = stem.Equals("index", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(Path.GetDirectoryName(file)) is { Length: > 0 } folder
            ? folder
            : stem;
        return new WeeklyFile(file, Relative(root, file), PrintableName.Of(slug));
    }

    /// <param name="Path">Where the walk reached it (through links, maybe).</param>
    /// <param name="Real">Where it really is; null when its links go round.</param>
    private sealed record Folder(string Path, string? Real);
}

/// <summary>What <see cref="WeeklyFileFinder"/> found.</summary>
/// <param name="Root">The corpus folder (or file), as a full path.</param>
/// <param name="Files">The weekly files, ordered by relative path; not yet checked for being regular files.</param>
/// <param name="Warnings">Links to folders that were not followed, each naming the link.</param>
internal sealed record CorpusFiles(string Root, List<WeeklyFile> Files, List<CorpusWarning> Warnings);
