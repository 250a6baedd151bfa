namespace SofaBot.Corpus.Loading;

/// <summary>Where a path really is, with every symbolic link in it resolved (what <c>realpath(3)</c> does, which
/// .NET does not offer): two paths are the same folder exactly when their real paths are equal. The corpus walk
/// keys the folders it has read by it, so a link loop is entered once.</summary>
internal static class RealPath
{
    // Linux gives up after 40 links in one path (ELOOP); so do we
    private const int MaxLinks = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>The real path of <paramref name="path"/>; null when its links go round more than 40 times.</summary>
    public static string? Of(string path)
    {
        var full = Path.GetFullPath(path);
        var resolved = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Parts(full[resolved.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // after the links before it were resolved, ".." is the real parent
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var next = Path.Join(resolved, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // the target replaces the link: read from the root when absolute, else from the link's folder
            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(Path.GetFullPath(target))!;
            }

            foreach (var targetPart in Parts(target[(Path.GetPathRoot(target)?.Length ?? 0)..]).Reverse())
            {
                pending.Push(targetPart);
            }
        }

        return resolved;
    }

    private static string[] Parts(string path) => path.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
