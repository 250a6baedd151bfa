using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary>A snapshot file that is damaged, cut short, not a snapshot or unreadable costs one warning and a build,
/// never a failed start or a wrong answer; a folder that cannot be written costs one warning at each start.</summary>
public sealed class SnapshotDamageTests
{
    public static TheoryData<string, Func<byte[], byte[]>> Damages => new()
    {
        { "cut in half", bytes => bytes[..(bytes.Length / 2)] },
        { "cut by one byte", bytes => bytes[..^1] },
        { "one bit flipped in the index", bytes => Flip(bytes, bytes.Length * 3 / 4) },
        { "one bit flipped in the checksum", bytes => Flip(bytes, bytes.Length - 1) },
        { "bytes appended", bytes => [.. bytes, .. "more"u8] },
        { "empty", _ => [] },
        { "another file's bytes", _ => "PK\u0003\u0004 not an index at all"u8.ToArray() },
        { "only its first line", bytes => bytes[..bytes.AsSpan().IndexOf((byte)'\n')] },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_snapshot_is_one_warning_then_a_build_with_the_same_answers_and_a_good_snapshot(string damage, Func<byte[], byte[]> change)
    {
        using var bed = new SnapshotBed();
        var first = await bed.StartAsync();
        File.WriteAllBytes(bed.SnapshotFile, change(File.ReadAllBytes(bed.SnapshotFile)));

        var start = await bed.StartAsync();

        var warning = Assert.Single(start.Warnings);
        Assert.True(warning.EventId.Id == 2013, $"{damage}: {warning.Message}");
        Assert.Contains(bed.SnapshotFile, warning.Message, StringComparison.Ordinal);
        Assert.True(start.Built, damage);
        Assert.Equal(await SnapshotBed.DecisionsAsync(first.Index, SnapshotRoundTripTests.BundledQuestions), await SnapshotBed.DecisionsAsync(start.Index, SnapshotRoundTripTests.BundledQuestions));

        var next = await bed.StartAsync();
        Assert.True(next.ReadSnapshot, damage);
        Assert.Empty(next.Warnings);
    }

    [Fact]
    public async Task An_unreadable_snapshot_is_a_warning_and_the_bot_still_answers()
    {
        using var bed = new SnapshotBed();
        Directory.CreateDirectory(bed.SnapshotFile); // a folder where the file should be: it can be neither read nor replaced

        var start = await bed.StartAsync();

        Assert.Equal([2013, 2015], start.Warnings.Select(w => w.EventId.Id));
        Assert.Contains("it cannot be read", start.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal("sofa-weekly-20211203:3", (await start.Index.DecideAsync("jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗")).Best?.Pair.Id);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_is_a_warning_naming_the_settings_and_the_bot_still_answers()
    {
        using var bed = new SnapshotBed();
        using var elsewhere = new TempDirectory();
        bed.Retrieval.Snapshot.Folder = elsewhere.Write("a-file", "not a folder");

        var first = await bed.StartAsync();
        var second = await bed.StartAsync();

        foreach (var start in (SnapshotStart[])[first, second])
        {
            Assert.True(start.Built);
            var warning = Assert.Single(start.Warnings);
            Assert.Equal(2015, warning.EventId.Id);
            Assert.Contains("Retrieval:Snapshot:Folder", warning.Message, StringComparison.Ordinal);
            Assert.Contains("Retrieval:Snapshot:Enabled", warning.Message, StringComparison.Ordinal);
            Assert.Equal("sofa-weekly-20211203:3", (await start.Index.DecideAsync("jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗")).Best?.Pair.Id);
        }

        Assert.Equal(["a-file"], Directory.GetFileSystemEntries(elsewhere.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task What_a_crashed_writer_left_is_removed_once_it_is_old_and_never_read()
    {
        using var bed = new SnapshotBed();
        Directory.CreateDirectory(bed.SnapshotFolder);
        var old = bed.SnapshotFile + ".4242-0123456789abcdef.tmp";
        var recent = bed.SnapshotFile + ".4243-fedcba9876543210.tmp";
        File.WriteAllText(old, "half a snapshot");
        File.WriteAllText(recent, "another start writing right now");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));

        var start = await bed.StartAsync();

        Assert.Empty(start.Warnings);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True((await bed.StartAsync()).ReadSnapshot);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x10;
        return copy;
    }
}
