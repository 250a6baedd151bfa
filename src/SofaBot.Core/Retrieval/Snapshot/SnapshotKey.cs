using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using SofaBot.Corpus.Loading;
using SofaBot.Projects;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>Everything an index snapshot depends on: the build, the settings that shape the index, and the corpus
/// file by file. A snapshot whose key differs from the current one in anything is rebuilt, and
/// <see cref="Difference"/> says what changed.</summary>
/// <param name="Build">The assemblies that parse and index (by module version id: any rebuild with a change is
/// another build), the runtime, the architecture and vector width (floating-point sums depend on them).</param>
/// <param name="Settings">The file size limit, and the <c>Projects</c> and <c>Retrieval</c> sections, as
/// <see cref="SettingsListing"/> lines.</param>
/// <param name="Corpus">The corpus root, as a full path.</param>
/// <param name="Files">Each weekly file: its path under the root, its size and the SHA-256 of its content; and each
/// link to a folder the walk did not follow (a loop, a second way to one folder), with the reason.</param>
internal sealed record SnapshotKey(string Build, IReadOnlyList<string> Settings, string Corpus, IReadOnlyList<CorpusFileStamp> Files)
{
    /// <summary>Settings that do not shape what the snapshot holds: where the snapshot is, and the remote embedder,
    /// whose vectors are never in it (they come from its own cache). Left out of the key, so the key holds no secret
    /// (<c>Retrieval:OpenAI:ApiKey</c>) either.</summary>
    private static readonly HashSet<Type> NotInKey = [typeof(IndexSnapshotOptions), typeof(OpenAIEmbedderOptions)];

    private static readonly Lazy<string> CurrentBuild = new(() => string.Join("; ",
        ((Type[])[typeof(SnapshotKey), typeof(Markdig.Markdown), typeof(YamlDotNet.Serialization.Deserializer), typeof(System.Numerics.Tensors.TensorPrimitives)])
            .Select(t => t.Assembly)
            .Select(a => $"{a.GetName().Name} {a.ManifestModule.ModuleVersionId}")
            .Append($"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}, Vector<float> {Vector<float>.Count}, Vector512 {Vector512.IsHardwareAccelerated}")));

    /// <summary>The key of the corpus at <paramref name="corpusPath"/> as it is now, with these settings and this build.</summary>
    /// <remarks>Files are identified by content, not modification time: a checkout, a copy or an edit within the
    /// file system's timestamp resolution keeps or changes times independently of what the files say, and hashing
    /// the whole corpus (1.5 MB) takes a few milliseconds.</remarks>
    /// <exception cref="SofaBot.Corpus.CorpusNotFoundException">The path is neither a folder nor a file.</exception>
    public static SnapshotKey Compute(string corpusPath, long maxFileBytes, ProjectsOptions projects, RetrievalOptions retrieval)
    {
        var (root, files, skippedLinks) = WeeklyFileFinder.Find(corpusPath);
        var stamps = new List<CorpusFileStamp>(files.Count + skippedLinks.Count);
        foreach (var file in files)
        {
            stamps.Add(CorpusFileStamp.Of(file, maxFileBytes));
        }

        // a folder link not followed is in the key too, so the snapshot's warnings name the links there are now
        stamps.AddRange(skippedLinks.Select(w => new CorpusFileStamp(w.File, -1, w.Message)));

        List<string> settings = [string.Create(CultureInfo.InvariantCulture, $"Corpus:MaxFileMegabytes={maxFileBytes / 1024.0 / 1024.0}"), .. SettingsListing.Lines(ProjectsOptions.SectionName, projects, NotInKey), .. SettingsListing.Lines(RetrievalOptions.SectionName, retrieval, NotInKey)];
        return new SnapshotKey(CurrentBuild.Value, settings, root, stamps);
    }

    /// <summary>What differs from the key a snapshot was written with, in words for the log; null when nothing does.</summary>
    public string? Difference(SnapshotKey stored)
    {
        var reasons = new List<string>();
        if (Build != stored.Build)
        {
            reasons.Add("it was written by another build of SofaBot or another .NET runtime");
        }

        if (!Settings.SequenceEqual(stored.Settings, StringComparer.Ordinal))
        {
            var changed = Settings.Except(stored.Settings, StringComparer.Ordinal).Concat(stored.Settings.Except(Settings, StringComparer.Ordinal))
                .Select(line => line[..Math.Max(0, line.IndexOf('=', StringComparison.Ordinal))])
                .Distinct(StringComparer.Ordinal)
                .ToList();
            reasons.Add($"settings changed: {Some(changed.Count > 0 ? changed : ["their order"])}");
        }

        if (Corpus != stored.Corpus)
        {
            reasons.Add($"the corpus is now {Corpus}, it was {stored.Corpus}");
        }
        else if (!Files.SequenceEqual(stored.Files) && FileChanges(stored) is { Count: > 0 } changes)
        {
            reasons.Add($"the corpus changed: {Some(changes)}");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private List<string> FileChanges(SnapshotKey stored)
    {
        var before = stored.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var now = Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        return Files.Where(f => before.TryGetValue(f.Path, out var old) && old != f).Select(f => $"{f.Path} changed")
            .Concat(Files.Where(f => !before.ContainsKey(f.Path)).Select(f => $"{f.Path} added"))
            .Concat(stored.Files.Where(f => !now.ContainsKey(f.Path)).Select(f => $"{f.Path} removed"))
            .ToList();
    }

    /// <summary>The first few of a list and how many more: a log line, not a report.</summary>
    private static string Some(List<string> items) =>
        string.Join(", ", items.Take(3)) + (items.Count > 3 ? $" and {items.Count - 3} more" : "");

    public void Write(SnapshotWriter writer)
    {
        writer.Write(Build);
        writer.Write(Settings.Count);
        foreach (var line in Settings)
        {
            writer.Write(line);
        }

        writer.Write(Corpus);
        writer.Write(Files.Count);
        foreach (var file in Files)
        {
            writer.Write(file.Path);
            writer.Write(file.Length);
            writer.Write(file.Content);
        }
    }

    public static SnapshotKey Read(SnapshotReader reader)
    {
        var build = reader.ReadString();
        var settings = new string[reader.Count(reader.ReadInt32())];
        for (var i = 0; i < settings.Length; i++)
        {
            settings[i] = reader.ReadString();
        }

        var corpus = reader.ReadString();
        var files = new CorpusFileStamp[reader.Count(reader.ReadInt32())];
        for (var i = 0; i < files.Length; i++)
        {
            files[i] = new CorpusFileStamp(reader.ReadString(), reader.ReadInt64(), reader.ReadString());
        }

        return new SnapshotKey(build, settings, corpus, files);
    }
}

/// <summary>One weekly file as the key knows it.</summary>
/// <param name="Path">Relative to the corpus root, with forward slashes.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Content">The hex SHA-256 of its bytes; or why it was not read (not a regular file, over the size
/// limit, unreadable), which the loader skips the same way.</param>
internal sealed record CorpusFileStamp(string Path, long Length, string Content)
{
    public static CorpusFileStamp Of(WeeklyFile file, long maxFileBytes)
    {
        // a FIFO, a device or an oversized file is never opened: the loader skips it for the same reason
        var (length, refusal) = WeeklyFileCheck.Check(file, maxFileBytes);
        if (refusal is not null)
        {
            return new CorpusFileStamp(file.RelativePath, length, refusal);
        }

        try
        {
            // the bytes the loader reads, no more
            var bytes = WeeklyFileReader.ReadBytes(file, length);
            return new CorpusFileStamp(file.RelativePath, bytes.Length, Convert.ToHexString(SHA256.HashData(bytes)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CorpusFileStamp(file.RelativePath, -1, "unreadable: " + e.Message);
        }
    }
}
