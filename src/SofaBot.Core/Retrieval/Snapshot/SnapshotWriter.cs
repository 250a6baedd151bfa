using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>Writes the index snapshot's values, little-endian, into a growing buffer: lengths first, so
/// <see cref="SnapshotReader"/> can check every one against what is left.</summary>
/// <remarks>Hand-written rather than a serializer: a cold start pays the JIT of whatever reads the snapshot, and
/// these few methods cost far less of it than reflection-based JSON of a few hundred thousand values.</remarks>
internal sealed class SnapshotWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);

    public long Length => _buffer.WrittenCount;

    /// <summary>What was written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(sizeof(int)), value);
        _buffer.Advance(sizeof(int));
    }

    public void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(sizeof(long)), value);
        _buffer.Advance(sizeof(long));
    }

    public void Write(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(sizeof(float)), value);
        _buffer.Advance(sizeof(float));
    }

    public void Write(bool value) => WriteBytes([value ? (byte)1 : (byte)0]);

    public void Write(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Write(length);
        _buffer.Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length)));
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

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);
}
