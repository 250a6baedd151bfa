using System.Numerics.Tensors;

namespace SofaBot.Retrieval.Vectors;

/// <summary>Exact nearest neighbours by cosine over unit-length vectors, stored contiguously; takes new vectors
/// while serving queries.</summary>
/// <remarks>Brute force is the right tool at this size: 50,000 units of 128 floats are 25 MB and one query is a
/// few milliseconds of SIMD dot products; an approximate index would add error and code for nothing.</remarks>
public sealed partial class VectorIndex(int dimensions, int capacity = 1024)
{
    private const int ParallelThreshold = 20_000;

    private readonly Lock _gate = new();
    private float[] _vectors = new float[dimensions * Math.Max(1, capacity)];
    private int _count;

    public int Dimensions { get; } = dimensions;

    /// <summary>Units with a slot (ids up to the highest one set; units never set have a zero vector).</summary>
    public int Count => _count;

    /// <summary>Stores the unit's vector (normalized here); a vector of the wrong size is refused.</summary>
    public void Set(int unit, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"expected a vector of {Dimensions} dimensions, got {vector.Length}", nameof(vector));
        }

        lock (_gate)
        {
            if ((unit + 1) * Dimensions > _vectors.Length)
            {
                Array.Resize(ref _vectors, Math.Max(_vectors.Length * 2, (unit + 1) * Dimensions));
            }

            var target = _vectors.AsSpan(unit * Dimensions, Dimensions);
            vector.CopyTo(target);
            var norm = TensorPrimitives.Norm(target);
            if (norm > 0)
            {
                TensorPrimitives.Divide(target, norm, target);
            }

            _count = Math.Max(_count, unit + 1);
        }
    }

    /// <summary>The units most similar to the query vector, best first.</summary>
    public List<(int Unit, float Cosine)> Search(ReadOnlySpan<float> query, int top)
    {
        var norm = TensorPrimitives.Norm(query);
        if (query.Length != Dimensions || top <= 0 || norm == 0)
        {
            return [];
        }

        lock (_gate)
        {
            var vectors = _vectors;
            var count = _count;
            if (count < ParallelThreshold)
            {
                // the corpus at its real size: one plain scan, cheaper than setting up parallel work
                return Scan(query, vectors, 0, count, top, norm).ToList();
            }

            var q = query.ToArray();

            // large indexes are scanned on every core: the scan is the whole cost of a vector query
            var parts = Environment.ProcessorCount;
            var partials = new TopScores[parts];
            Parallel.For(0, parts, part =>
                partials[part] = Scan(q, vectors, (int)((long)count * part / parts), (int)((long)count * (part + 1) / parts), top, norm));

            var merged = new TopScores(top);
            foreach (var (id, score) in partials.SelectMany(p => p.ToList()))
            {
                merged.Offer(id, score);
            }

            return merged.ToList();
        }
    }

    private TopScores Scan(ReadOnlySpan<float> query, float[] vectors, int start, int end, int top, float norm)
    {
        var best = new TopScores(top);
        for (var i = start; i < end; i++)
        {
            best.Offer(i, TensorPrimitives.Dot(query, vectors.AsSpan(i * Dimensions, Dimensions)) / norm);
        }

        return best;
    }

    /// <summary>Cosines between the query and each of the units (0 for a unit without a vector), in order.</summary>
    public float[] Similarities(ReadOnlySpan<float> query, IEnumerable<int> units)
    {
        var ids = units.ToList();
        var cosines = new float[ids.Count];
        var norm = TensorPrimitives.Norm(query);
        if (norm == 0 || query.Length != Dimensions)
        {
            return cosines;
        }

        lock (_gate)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                cosines[i] = ids[i] >= _count ? 0 : TensorPrimitives.Dot(query, _vectors.AsSpan(ids[i] * Dimensions, Dimensions)) / norm;
            }
        }

        return cosines;
    }
}
