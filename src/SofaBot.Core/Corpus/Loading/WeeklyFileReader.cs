using System.Text;

namespace SofaBot.Corpus.Loading;

/// <summary>Reads a weekly's text, refusing what is not a weekly: too large, binary, or not UTF-8.</summary>
internal static class WeeklyFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null with the reason the file was skipped.</summary>
    public static (string? Text, string? Problem) Read(WeeklyFile file, long maxBytes)
    {
        try
        {
            var length = new FileInfo(file.FullPath).Length;
            if (length > maxBytes)
            {
                return (null, $"skipped: {Megabytes(length)} is over the {Megabytes(maxBytes)} limit (Corpus:MaxFileMegabytes)");
            }

            var bytes = File.ReadAllBytes(file.FullPath);
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
            return (null, $"skipped: cannot be read: {e.Message}");
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
