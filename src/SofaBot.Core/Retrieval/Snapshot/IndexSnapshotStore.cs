using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SofaBot.Diagnostics;
using SofaBot.Projects;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>The index snapshot file in one folder: read when it was made from the same corpus, settings and build,
/// written whole after a build. It is a cache: whatever is wrong with it (missing, out of date, damaged,
/// unreadable, unwritable) costs one log line and a build, never a failed start.</summary>
/// <remarks>The file: a magic line with the format version, the <see cref="SnapshotKey"/>, the
/// <see cref="IndexSnapshot"/>, and the SHA-256 of everything before it, so a file cut short or damaged is never
/// taken for an index. One file per build configuration (Debug, Release): running both from one folder does not
/// rebuild at every switch.</remarks>
public sealed class IndexSnapshotStore
{
    private const int HashSize = SHA256.HashSizeInBytes;

    private static readonly byte[] FormatPrefix = "SofaBot index snapshot, format "u8.ToArray();

    private static readonly byte[] Magic = [.. FormatPrefix, .. "1\n"u8];

    private readonly ProjectsOptions _projects;
    private readonly RetrievalOptions _retrieval;
    private readonly ILogger _logger;

    /// <param name="folder">Where the file is; created when the first snapshot is written.</param>
    public IndexSnapshotStore(string folder, ProjectsOptions projects, RetrievalOptions retrieval, ILogger<IndexSnapshotStore> logger)
    {
        var configuration = typeof(IndexSnapshotStore).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        File = Path.GetFullPath(Path.Combine(folder, $"knowledge-index.{(string.IsNullOrEmpty(configuration) ? "any" : configuration)}.bin"));
        _projects = projects;
        _retrieval = retrieval;
        _logger = logger;
    }

    /// <summary>The snapshot file's full path.</summary>
    public string File { get; }

    /// <summary>The key the corpus at this path has now, with these settings and this build.</summary>
    internal SnapshotKey Key(string corpusPath, long maxFileBytes) => SnapshotKey.Compute(corpusPath, maxFileBytes, _projects, _retrieval);

    /// <summary>The snapshot, when the file holds one made with <paramref name="key"/>; else null, with one log line
    /// that says why.</summary>
    internal IndexSnapshot? TryRead(SnapshotKey key)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(File);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            _logger.SnapshotMissing(File);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unusable("it cannot be read: " + LogMessages.Reason(e));
        }

        if (!bytes.AsSpan().StartsWith(Magic))
        {
            return OtherFormat(bytes) is { } format
                ? Stale($"it was written in snapshot format {format}")
                : Unusable("it is not a SofaBot index snapshot");
        }

        if (bytes.Length < Magic.Length + HashSize)
        {
            return Unusable("it is cut short");
        }

        var reader = new SnapshotReader(bytes.AsMemory(Magic.Length, bytes.Length - Magic.Length - HashSize));
        try
        {
            if (key.Difference(SnapshotKey.Read(reader)) is { } reason)
            {
                return Stale(reason);
            }

            if (!SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
            {
                return Unusable("its checksum does not match: the file is damaged or cut short");
            }

            var snapshot = IndexSnapshot.Read(reader);
            return reader.AtEnd ? snapshot : Unusable("it has bytes after the index");
        }
#pragma warning disable CA1031 // a snapshot is a cache: whatever a damaged one throws, the corpus is indexed instead
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Unusable($"it cannot be read back ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Writes the snapshot atomically: into a file of its own, renamed over the old one, so a process
    /// reading meanwhile keeps the complete old file and two processes writing at once leave one complete file.
    /// A failure is logged, never thrown.</summary>
    internal void Write(SnapshotKey key, IndexSnapshot snapshot)
    {
        var clock = Stopwatch.StartNew();
        var temporary = $"{File}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            long length;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            using (var writer = new SnapshotWriter(stream))
            {
                writer.WriteBytes(Magic);
                key.Write(writer);
                snapshot.Write(writer);
                writer.Complete();
                length = writer.Length;
            }

            System.IO.File.Move(temporary, File, overwrite: true);
            _logger.SnapshotWritten(File, length, clock.Elapsed.TotalMilliseconds);
            RemoveLeftovers();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _logger.SnapshotNotWritten(File, LogMessages.Reason(e));
            try
            {
                System.IO.File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // nothing more to do: the name is unique, so a leftover never stands in for the snapshot
            }
        }
    }

    /// <summary>Deletes what writers that crashed mid-write left (their unique names are never read); an hour old,
    /// so another process's write in progress is never touched.</summary>
    private void RemoveLeftovers()
    {
        foreach (var leftover in Directory.EnumerateFiles(Path.GetDirectoryName(File)!, Path.GetFileName(File) + ".*.tmp"))
        {
            try
            {
                if (System.IO.File.GetLastWriteTimeUtc(leftover) < DateTime.UtcNow.AddHours(-1))
                {
                    System.IO.File.Delete(leftover);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // someone else's, or gone already: not this start's business
            }
        }
    }

    /// <summary>The format version of a snapshot written by another version of SofaBot, or null when the bytes do not
    /// start like a snapshot at all.</summary>
    private static string? OtherFormat(byte[] bytes)
    {
        var rest = bytes.AsSpan(Math.Min(bytes.Length, FormatPrefix.Length));
        var end = rest[..Math.Min(rest.Length, 10)].IndexOf((byte)'\n');
        return bytes.AsSpan().StartsWith(FormatPrefix) && end > 0 && rest[..end].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            ? System.Text.Encoding.ASCII.GetString(rest[..end])
            : null;
    }

    /// <summary>Logs that the file cannot be used (a warning: it was written and should have been readable).</summary>
    internal IndexSnapshot? Unusable(string reason)
    {
        _logger.SnapshotUnusable(File, reason);
        return null;
    }

    private IndexSnapshot? Stale(string reason)
    {
        _logger.SnapshotStale(File, reason);
        return null;
    }
}
