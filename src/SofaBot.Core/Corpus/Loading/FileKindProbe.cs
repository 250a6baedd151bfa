using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SofaBot.Corpus.Loading;

/// <summary>Asks Linux what a path leads to. .NET 10 has no API for it: <see cref="FileInfo"/> calls a FIFO, a
/// device and a socket a file with length 0, and opening one to find out is the hazard itself (a FIFO blocks the
/// open until a writer comes, <c>/dev/zero</c> never ends). <c>statx(2)</c> is used because its struct has one
/// layout on every Linux architecture, unlike <c>stat</c>'s.</summary>
internal static class FileKindProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x0001;
    private const int StatxBufferSize = 256;

    // struct statx: stx_mask (u32), stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32 each), stx_mode (u16)
    private const int ModeOffset = 28;

    /// <summary>The kind of file <paramref name="path"/> leads to, following links; or the reason it cannot be
    /// asked about (a dangling link, a link loop, no permission), as the system words it.</summary>
    public static (FileKind Kind, string? Error) Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (FileKind.Unknown, null);
        }

        var buffer = new byte[StatxBufferSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, Encoding.UTF8.GetBytes(path + '\0'), 0, StatxType, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // a libc older than statx (glibc before 2.28, musl before 1.2.5): the size limit still bounds the read
            return (FileKind.Unknown, null);
        }

        if (result != 0)
        {
            return (FileKind.Unknown, Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        var mode = BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset))
            : BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ModeOffset));
        return ((mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.NamedPipe,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        }, null);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] buffer);
}
