using System.Runtime.InteropServices;
using SofaBot.Retrieval.Snapshot;

namespace SofaBot.Retrieval.Lexical;

/// <summary>The index as the snapshot keeps it: terms by id, each term's postings, and per unit the field lengths
/// and sorted term ids, exactly as built, so a restored index scores every query to the same bits.</summary>
public sealed partial class LexicalIndex
{
    internal void Save(SnapshotWriter writer)
    {
        lock (_lock)
        {
            writer.Write(AnswerWeight);
            writer.WriteTermIds(_termIds);

            foreach (var postings in _postings)
            {
                writer.WriteBlittable<Posting>(CollectionsMarshal.AsSpan(postings));
            }

            writer.Write(_questionLengths.Count);
            for (var unit = 0; unit < _questionLengths.Count; unit++)
            {
                writer.Write(_questionLengths[unit]);
                writer.Write(_answerLengths[unit]);
                writer.Write(_questionTerms[unit]);
                writer.Write(_answerTerms[unit]);
            }
        }
    }

    internal static LexicalIndex Load(SnapshotReader reader)
    {
        var index = new LexicalIndex(reader.ReadSingle());
        var terms = reader.ReadTermIds(index._termIds);
        index._postings.Capacity = terms;
        index._termNames.AddRange(new string[terms]);
        foreach (var (term, id) in index._termIds)
        {
            index._termNames[id] = (uint)id < (uint)terms ? term : throw new InvalidDataException($"term id {id} outside the {terms} terms");
        }


        for (var id = 0; id < terms; id++)
        {
            var postings = new List<Posting>();
            reader.ReadBlittable(postings);
            index._postings.Add(postings);
        }

        var units = reader.Count(reader.ReadInt32());
        index._questionLengths.Capacity = units;
        index._answerLengths.Capacity = units;
        index._questionTerms.Capacity = units;
        index._answerTerms.Capacity = units;
        for (var unit = 0; unit < units; unit++)
        {
            index._questionLengths.Add(reader.ReadInt32());
            index._answerLengths.Add(reader.ReadInt32());
            index._questionTerms.Add(Checked(reader.ReadInt32s(), terms));
            index._answerTerms.Add(Checked(reader.ReadInt32s(), terms));
            index._questionLengthSum += index._questionLengths[unit];
            index._answerLengthSum += index._answerLengths[unit];
        }

        foreach (var postings in index._postings)
        {
            foreach (var posting in postings)
            {
                if ((uint)posting.Unit >= (uint)units)
                {
                    throw new InvalidDataException($"a posting for unit {posting.Unit} of {units}");
                }
            }
        }

        return index;
    }

    /// <summary>Term ids that exist: a search would otherwise fail later, far from the damaged file.</summary>
    private static int[] Checked(int[] termIds, int terms) =>
        termIds.All(t => (uint)t < (uint)terms) ? termIds : throw new InvalidDataException($"a term id outside the {terms} terms");
}
