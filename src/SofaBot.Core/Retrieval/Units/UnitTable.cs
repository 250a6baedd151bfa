using SofaBot.Retrieval.Lexical;

namespace SofaBot.Retrieval.Units;

/// <summary>The units in id order. A unit's id is its position here and in the lexical index (and its slot in the
/// vector index), so a unit and its postings are added under one lock: the two numbers never drift apart, even when
/// learned pairs arrive while the corpus is being indexed.</summary>
internal sealed class UnitTable(LexicalIndex lexical)
{
    private readonly List<RetrievalUnit> _units = [];
    private readonly Dictionary<string, List<int>> _byPair = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _units.Count;
            }
        }
    }

    public RetrievalUnit this[int id]
    {
        get
        {
            lock (_gate)
            {
                return _units[id];
            }
        }
    }

    /// <summary>The ids of a pair's units (every turn, and alternate wordings), in the order they were added.</summary>
    public IReadOnlyList<int> OfPair(string pairId)
    {
        lock (_gate)
        {
            return _byPair.TryGetValue(pairId, out var ids) ? [.. ids] : [];
        }
    }

    private void Append(RetrievalUnit unit)
    {
        _units.Add(unit);
        if (!_byPair.TryGetValue(unit.Pair.Id, out var ids))
        {
            _byPair[unit.Pair.Id] = ids = [];
        }

        ids.Add(unit.Id);
    }

    /// <summary>Adds a unit with its postings; returns its id.</summary>
    public int Add(IReadOnlyList<string> questionTerms, IReadOnlyList<string> answerTerms, Func<int, RetrievalUnit> unit)
    {
        lock (_gate)
        {
            var id = lexical.Add(questionTerms, answerTerms);
            Append(unit(id));
            return id;
        }
    }

    /// <summary>Takes the units of a lexical index restored from a snapshot, which already holds their postings.</summary>
    /// <exception cref="InvalidDataException">The index holds another number of units.</exception>
    public void Restore(IEnumerable<Func<int, RetrievalUnit>> units)
    {
        lock (_gate)
        {
            foreach (var unit in units)
            {
                Append(unit(_units.Count));
            }

            if (_units.Count != lexical.Count)
            {
                throw new InvalidDataException($"the lexical index has {lexical.Count} units, the pairs make {_units.Count}");
            }
        }
    }
}
