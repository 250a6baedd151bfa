namespace SofaBot.Retrieval;

/// <summary>Keeps the k best (id, score) pairs seen, in a small sorted array: for the k of a retrieval pool
/// (tens) this beats a general priority queue by a wide margin on the query path.</summary>
public sealed class TopScores(int k)
{
    private readonly int[] _ids = new int[Math.Max(1, k)];
    private readonly float[] _scores = new float[Math.Max(1, k)];
    private int _count;

    /// <summary>Offers an entry; ties keep the lower id first, so results are deterministic.</summary>
    public void Offer(int id, float score)
    {
        if (_count == _ids.Length && !Better(score, id, _scores[_count - 1], _ids[_count - 1]))
        {
            return;
        }

        var at = _count < _ids.Length ? _count++ : _count - 1;
        while (at > 0 && Better(score, id, _scores[at - 1], _ids[at - 1]))
        {
            _ids[at] = _ids[at - 1];
            _scores[at] = _scores[at - 1];
            at--;
        }

        _ids[at] = id;
        _scores[at] = score;
    }

    /// <summary>The entries, best first.</summary>
    public List<(int Id, float Score)> ToList()
    {
        var list = new List<(int, float)>(_count);
        for (var i = 0; i < _count; i++)
        {
            list.Add((_ids[i], _scores[i]));
        }

        return list;
    }

    private static bool Better(float score, int id, float otherScore, int otherId) => score > otherScore || (score == otherScore && id < otherId);
}
