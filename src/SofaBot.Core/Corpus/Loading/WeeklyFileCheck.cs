namespace SofaBot.Corpus.Loading;

/// <summary>Whether a weekly file may be read, decided before it is opened: only a regular file within the size
/// limit is. The loader and the index snapshot's key both ask here, so neither ever opens a FIFO (which blocks
/// until a writer comes) or a device (<c>/dev/zero</c> never ends), and both skip the same files.</summary>
internal static class WeeklyFileCheck
{
    /// <summary>The file's size, and null; or why it is skipped, in the words of a warning.</summary>
    public static (long Length, string? Refusal) Check(WeeklyFile file, long maxBytes)
    {
        var (kind, error) = FileKindProbe.Of(file.FullPath);
        if (error is not null)
        {
            return (-1, $"skipped: cannot be read: {error}");
        }

        if (kind is not (FileKind.Regular or FileKind.Unknown))
        {
            return (-1, $"skipped: {Describe(kind)}{LinkNote(file)}, not a regular file");
        }

        long length;
        try
        {
            length = new FileInfo(file.FullPath).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (-1, $"skipped: cannot be read: {PrintableName.InMessage(e.Message)}");
        }

        return length > maxBytes
            ? (length, $"skipped: {Megabytes(length)} is over the {Megabytes(maxBytes)} limit (Corpus:MaxFileMegabytes)")
            : (length, null);
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.NamedPipe => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        _ => "an unknown kind of file",
    };

    /// <summary>Where a link leads, so the operator sees which device a weekly's name stood for.</summary>
    private static string LinkNote(WeeklyFile file)
    {
        try
        {
            return File.ResolveLinkTarget(file.FullPath, returnFinalTarget: true) is { } target
                ? $" (the link leads to {PrintableName.Of(target.FullName)})"
                : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
