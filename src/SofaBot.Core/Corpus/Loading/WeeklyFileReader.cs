using System.Text;

namespace SofaBot.Corpus.Loading;

/// <summary>Reads a weekly's text, refusing what is not a weekly: not a regular file, too large, binary, or not UTF-8.</summary>
internal static class WeeklyFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null with the reason the file was skipped.</summary>
    public static (string? Text, string? Problem) Read(WeeklyFile file, long maxBytes)
    {
        var (length, refusal) = WeeklyFileCheck.Check(file, maxBytes);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        try
        {
            var bytes = ReadBytes(file, length);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0))
            {
                return (null, "skipped: binary file (contains NUL bytes), not a weekly");
            }

            var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            return (StrictUtf8.GetString(bytes, start, bytes.Length - start), null);
        }
        catch (DecoderFallbackException e)
        {
            return (null, $"skipped: not UTF-8 text (invalid bytes at offset {e.Index}); save it as UTF-8");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"skipped: cannot be read: {PrintableName.InMessage(e.Message)}");
        }
    }

    /// <summary>The file's first <paramref name="length"/> bytes (the size <see cref="WeeklyFileCheck"/> found), or
    /// fewer at its end. Never more: a file that grows meanwhile, or a device where the type could not be asked (not
    /// Linux), cannot make the read unbounded.</summary>
    public static byte[] ReadBytes(WeeklyFile file, long length)
    {
        if (length == 0)
        {
            // nothing to read, so nothing is opened: where the type cannot be asked, a FIFO or a device says 0 bytes,
            // and opening a FIFO blocks until a writer comes
            return [];
        }

        using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        var bytes = new byte[length];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read < bytes.Length)
        {
            Array.Resize(ref bytes, read);
        }

        return bytes;
    }
}
