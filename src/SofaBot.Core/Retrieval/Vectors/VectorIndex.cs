using System.Numerics.Tensors;

namespace SofaBot.Retrieval.Vectors;

/// <summary>Exact nearest neighbours by cosine over unit-length vectors, stored contiguously; takes new vectors
/// while serving queries.</summary>
/// <remarks>Brute force is the right tool at this size: 50,000 units of 128 floats are 25 MB and one query is a
/// few milliseconds of SIMD dot products; an approximate index would add error and code for nothing.</remarks>
public sealed class VectorIndex(int dimensions)
{
    private readonly Lock _gate = new();
    private float[] _vectors = new float[dimensions * 1024];
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
            while ((unit + 1) * Dimensions > _vectors.Length)
            {
                Array.Resize(ref _vectors, _vectors.Length * 2);
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
            var best = new TopScores(top);
            for (var i = 0; i < _count; i++)
            {
                best.Offer(i, TensorPrimitives.Dot(query, _vectors.AsSpan(i * Dimensions, Dimensions)) / norm);
            }

            return best.ToList();
        }
    }

    /// <summary>Cosine between the query and one unit (0 for a unit without a vector).</summary>
    public float Similarity(ReadOnlySpan<float> query, int unit)
    {
        var norm = TensorPrimitives.Norm(query);
        lock (_gate)
        {
            return unit >= _count || norm == 0 || query.Length != Dimensions ? 0 : TensorPrimitives.Dot(query, _vectors.AsSpan(unit * Dimensions, Dimensions)) / norm;
        }
    }
}
