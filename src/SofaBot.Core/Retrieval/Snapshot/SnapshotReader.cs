using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote. Every length is checked against the bytes left, so a
/// damaged file ends in <see cref="InvalidDataException"/>, never in a huge allocation or a wrong index.</summary>
internal sealed class SnapshotReader(ReadOnlyMemory<byte> bytes)
{
    private int _position;

    /// <summary>True when every byte was read.</summary>
    public bool AtEnd => _position == bytes.Length;

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(sizeof(float)));

    public bool ReadBoolean() => Take(1)[0] switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"a boolean of value {other}"),
    };

    public string ReadString() => ReadNullable() ?? throw new InvalidDataException("a missing string");

    public string? ReadNullable()
    {
        var length = ReadInt32();
        return length == -1 ? null : Encoding.UTF8.GetString(Take(Count(length, 1)));
    }

    /// <summary>Reads what <see cref="SnapshotWriter.WriteTermIds"/> wrote into the map; returns how many terms.</summary>
    public int ReadTermIds(Dictionary<string, int> into)
    {
        var terms = Count(ReadInt32());
        into.EnsureCapacity(terms);
        for (var id = 0; id < terms; id++)
        {
            into.Add(ReadString(), id);
        }

        return terms;
    }

    public int[] ReadInt32s() => ReadBlittable<int>();

    public float[] ReadSingles() => ReadBlittable<float>();

    public T[] ReadBlittable<T>()
        where T : unmanaged
    {
        var count = Count(ReadInt32(), Unsafe.SizeOf<T>());
        return MemoryMarshal.Cast<byte, T>(Take(count * Unsafe.SizeOf<T>())).ToArray();
    }

    /// <summary>Reads a count of values into the list (an exact fit, as a compacted index has).</summary>
    public void ReadBlittable<T>(List<T> into)
        where T : unmanaged
    {
        var count = Count(ReadInt32(), Unsafe.SizeOf<T>());
        into.Capacity = count;
        CollectionsMarshal.SetCount(into, count);
        Take(count * Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(into)));
    }

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>A count read from the file, checked: not negative, and no more items of this size than bytes left.</summary>
    public int Count(int count, int itemSize = 1)
    {
        if (count < 0 || (long)count * itemSize > bytes.Length - _position)
        {
            throw new InvalidDataException($"a count of {count} at byte {_position} of {bytes.Length}");
        }

        return count;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > bytes.Length - _position)
        {
            throw new InvalidDataException($"the file ends at byte {bytes.Length}, inside a value at {_position}");
        }

        var span = bytes.Span.Slice(_position, count);
        _position += count;
        return span;
    }
}
