using System.Buffers;

namespace SofaBot.Retrieval.Lexical;

/// <summary>The BM25F scores of one query: a dense buffer indexed by unit, and the units it touched. Dispose it to
/// give the buffer back.</summary>
/// <remarks>At 50,000 pairs a common word touches tens of thousands of units; a dictionary of them all cost more
/// than the scoring itself. A pooled array costs one clear per query.</remarks>
public sealed class LexicalScores : IDisposable
{
    private readonly List<int> _touched;
    private readonly int _units;
    private float[]? _dense;

    /// <param name="dense">Scores by unit; only the first <paramref name="units"/> entries are meaningful (a pooled
    /// array may be longer, with stale values beyond).</param>
    internal LexicalScores(float[] dense, int units, List<int> touched)
    {
        _dense = dense;
        _units = units;
        _touched = touched;
    }

    /// <summary>No scores (vector-only ranking).</summary>
    public static LexicalScores Empty => new([], 0, []);

    /// <summary>How many units share a term with the query.</summary>
    public int Count => _touched.Count;

    /// <summary>The unit's score, 0 when it shares no term with the query.</summary>
    public float this[int unit] => _dense is { } dense && unit < _units ? dense[unit] : 0;

    /// <summary>The best <paramref name="top"/> units, best first (ties: lower unit first).</summary>
    public List<(int Unit, float Score)> Top(int top)
    {
        var best = new TopScores(top);
        foreach (var unit in _touched)
        {
            best.Offer(unit, this[unit]);
        }

        return best.ToList();
    }

    internal static float[] Rent(int units)
    {
        var dense = ArrayPool<float>.Shared.Rent(Math.Max(units, 1));
        Array.Clear(dense, 0, units);
        return dense;
    }

    public void Dispose()
    {
        if (_dense is { Length: > 0 } dense)
        {
            ArrayPool<float>.Shared.Return(dense);
        }

        _dense = null;
    }
}
