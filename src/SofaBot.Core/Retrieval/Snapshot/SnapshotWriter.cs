using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>Writes the index snapshot's values, little-endian, to a stream, lengths first, so
/// <see cref="SnapshotReader"/> can check every one against what is left; and the SHA-256 of everything written,
/// at the end (<see cref="Complete"/>).</summary>
/// <remarks>Hand-written rather than a serializer: a cold start pays the JIT of whatever reads the snapshot, and
/// reflection-based JSON of the knowledge base alone takes longer cold (about 85 ms) than this whole snapshot.
/// Values pass through a small buffer, not a copy of the file in memory: at 50,000 pairs the snapshot is 150 MB.</remarks>
internal sealed class SnapshotWriter(Stream output) : IDisposable
{
    private const int FlushAt = 1 << 16;

    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(sizeof(int)), value);
        Advance(sizeof(int));
    }

    public void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(sizeof(long)), value);
        Advance(sizeof(long));
    }

    public void Write(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(sizeof(float)), value);
        Advance(sizeof(float));
    }

    public void Write(bool value) => WriteBytes([value ? (byte)1 : (byte)0]);

    public void Write(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Write(length);
        Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length)));
    }

    /// <summary>A string that may be null (written as length -1).</summary>
    public void WriteNullable(string? value)
    {
        if (value is null)
        {
            Write(-1);
        }
        else
        {
            Write(value);
        }
    }

    /// <summary>A map of terms to the ids 0…n−1 (an index's vocabulary), as the terms in id order.</summary>
    public void WriteTermIds(IReadOnlyDictionary<string, int> ids)
    {
        var terms = new string[ids.Count];
        foreach (var (term, id) in ids)
        {
            terms[id] = term;
        }

        Write(terms.Length);
        foreach (var term in terms)
        {
            Write(term);
        }
    }

    public void Write(ReadOnlySpan<int> values) => WriteBlittable(values);

    public void Write(ReadOnlySpan<float> values) => WriteBlittable(values);

    /// <summary>A count, then the values' bytes as they are in memory (both supported platforms, x64 and arm64, are
    /// little-endian; the snapshot's key names the architecture).</summary>
    public void WriteBlittable<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Write(values.Length);
        WriteBytes(MemoryMarshal.AsBytes(values));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= FlushAt)
        {
            // large arrays (vectors) go straight through
            Flush();
            Emit(bytes);
            return;
        }

        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>Writes the SHA-256 of everything written before it, and flushes.</summary>
    public void Complete()
    {
        Flush();
        Emit(_hash.GetHashAndReset());
        output.Flush();
    }

    public void Dispose() => _hash.Dispose();

    private void Advance(int count)
    {
        _buffer.Advance(count);
        if (_buffer.WrittenCount >= FlushAt)
        {
            Flush();
        }
    }

    private void Flush()
    {
        Emit(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        output.Write(bytes);
        Length += bytes.Length;
    }
}
