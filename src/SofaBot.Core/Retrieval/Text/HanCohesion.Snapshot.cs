using SofaBot.Retrieval.Snapshot;

namespace SofaBot.Retrieval.Text;

/// <summary>The character and bigram counts as the snapshot keeps them; learned pairs go on adding to them after a
/// restore, as after a build.</summary>
public sealed partial class HanCohesion
{
    internal void Save(SnapshotWriter writer)
    {
        lock (_gate)
        {
            writer.Write(_charTotal);
            writer.Write(_bigramTotal);
            writer.Write(_chars.Count);
            foreach (var (c, count) in _chars)
            {
                writer.Write((int)c);
                writer.Write(count);
            }

            writer.Write(_bigrams.Count);
            foreach (var (bigram, count) in _bigrams)
            {
                // every key is two Han characters (see Add)
                writer.Write(bigram[0] | (bigram[1] << 16));
                writer.Write(count);
            }
        }
    }

    internal static HanCohesion Load(SnapshotReader reader)
    {
        var cohesion = new HanCohesion { _charTotal = reader.ReadInt64(), _bigramTotal = reader.ReadInt64() };
        var chars = reader.Count(reader.ReadInt32(), 2 * sizeof(int));
        cohesion._chars.EnsureCapacity(chars);
        for (var i = 0; i < chars; i++)
        {
            cohesion._chars.Add((char)reader.ReadInt32(), reader.ReadInt32());
        }

        var bigrams = reader.Count(reader.ReadInt32(), 2 * sizeof(int));
        cohesion._bigrams.EnsureCapacity(bigrams);
        for (var i = 0; i < bigrams; i++)
        {
            var both = reader.ReadInt32();
            var bigram = string.Create(2, both, (span, b) => (span[0], span[1]) = ((char)(b & 0xFFFF), (char)((b >> 16) & 0xFFFF)));
            cohesion._bigrams.Add(bigram, reader.ReadInt32());
        }

        return cohesion;
    }
}
