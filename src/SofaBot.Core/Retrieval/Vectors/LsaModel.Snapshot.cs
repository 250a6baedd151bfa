using SofaBot.Retrieval.Snapshot;

namespace SofaBot.Retrieval.Vectors;

/// <summary>The trained model as the snapshot keeps it: vocabulary by id, IDF and term vectors, bit for bit.</summary>
public sealed partial class LsaModel
{
    internal void Save(SnapshotWriter writer)
    {
        writer.Write(Dimensions);
        writer.WriteTermIds(_vocabulary);

        writer.Write(_idf);
        writer.Write(_termVectors);
    }

    internal static LsaModel Load(SnapshotReader reader)
    {
        var dimensions = reader.ReadInt32();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = reader.ReadTermIds(vocabulary);

        var idf = reader.ReadSingles();
        var termVectors = reader.ReadSingles();
        if (dimensions < 1 || idf.Length != terms || termVectors.Length != (long)terms * dimensions)
        {
            throw new InvalidDataException($"an LSA model of {terms} terms with {idf.Length} IDF values and {termVectors.Length} vector values at {dimensions} dimensions");
        }

        return new LsaModel(dimensions, vocabulary, idf, termVectors);
    }
}
