using SofaBot.Retrieval.Snapshot;

namespace SofaBot.Retrieval.Vectors;

/// <summary>The unit vectors as the snapshot keeps them (already normalized, so restoring them is a copy).</summary>
public sealed partial class VectorIndex
{
    internal void Save(SnapshotWriter writer)
    {
        lock (_gate)
        {
            writer.Write(Dimensions);
            writer.Write(_count);
            writer.Write(_vectors.AsSpan(0, _count * Dimensions));
        }
    }

    internal static VectorIndex Load(SnapshotReader reader)
    {
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        var vectors = reader.ReadSingles();
        if (dimensions < 1 || count < 0 || vectors.Length != (long)count * dimensions)
        {
            throw new InvalidDataException($"{vectors.Length} vector values for {count} units of {dimensions} dimensions");
        }

        // the same capacity a build leaves (one slot per unit); learned units grow it as they do after a build
        return new VectorIndex(dimensions, 0) { _vectors = vectors.Length == 0 ? new float[dimensions] : vectors, _count = count };
    }
}
