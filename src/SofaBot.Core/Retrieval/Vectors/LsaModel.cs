using System.Runtime.CompilerServices;

namespace SofaBot.Retrieval.Vectors;

/// <summary>Latent semantic analysis learned from the corpus's own units: the offline embedding model.</summary>
/// <remarks>
/// Units are TF-IDF rows over the same terms the lexical index uses. A truncated SVD of that matrix (randomized
/// subspace iteration on the unit Gram matrix) gives every term a vector in which
/// terms used in the same units lie close together, so "sidecar 和业务容器谁先起来" lands near "先于业务容器启动"
/// even where the words differ. Text is embedded by folding its TF-IDF vector into that space. Deterministic (a
/// fixed seed), no model file, no network; trained in tens of milliseconds. Training is capped at
/// <see cref="MaxTrainingUnits"/> units; more units are folded in, not trained on.
/// </remarks>
public sealed partial class LsaModel
{
    public const int MaxTrainingUnits = 1500;

    private const int PowerIterations = 2;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly float[] _idf;
    private readonly float[] _termVectors;

    private LsaModel(int dimensions, Dictionary<string, int> vocabulary, float[] idf, float[] termVectors)
    {
        Dimensions = dimensions;
        _vocabulary = vocabulary;
        _idf = idf;
        _termVectors = termVectors;
    }

    public int Dimensions { get; }

    /// <summary>Learns the space from documents given as term lists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LsaModel Train(IReadOnlyList<IReadOnlyList<string>> documents, int dimensions, int seed = 20190719)
    {
        var docs = documents.Take(MaxTrainingUnits).ToList();
        var n = docs.Count;

        // terms of two or more units (a term of one unit has nothing to co-occur with) and of at most half of them
        // (those say little, and they would dominate the cost of the Gram matrix)
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            seen.Clear();
            foreach (var term in doc)
            {
                if (seen.Add(term))
                {
                    df[term] = df.GetValueOrDefault(term) + 1;
                }
            }
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            // first-seen order: deterministic for a given corpus, and cheaper than sorting the vocabulary
            foreach (var term in doc)
            {
                if (df.TryGetValue(term, out var count) && count >= 2 && count <= Math.Max(2, n / 2))
                {
                    vocabulary.TryAdd(term, vocabulary.Count);
                }
            }
        }

        var idf = new float[vocabulary.Count];
        foreach (var (term, id) in vocabulary)
        {
            idf[id] = MathF.Log((float)(n + 1) / (df[term] + 1)) + 1;
        }

        var rows = docs.Select(d => Row(d.Select(t => (t, 1f)), vocabulary, idf)).ToList();
        var k = Math.Max(1, Math.Min(dimensions, n));
        var basis = TopSubspace(rows, n, k, seed);

        // term vectors T = Aᵀ Q: folding a text's TF-IDF vector q in gives Qᵀ A q, its similarities to every unit
        // projected onto the corpus's top latent directions (LSA coordinates scaled by Σ, up to a rotation that
        // cosine similarity does not see)
        var byUnit = new float[n * k];
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < n; i++)
            {
                byUnit[(i * k) + c] = basis[(c * n) + i];
            }
        }

        var termVectors = new float[vocabulary.Count * k];
        for (var i = 0; i < n; i++)
        {
            var unit = byUnit.AsSpan(i * k, k);
            foreach (var (term, weight) in rows[i])
            {
                var target = termVectors.AsSpan(term * k, k);
                DenseMath.AddScaled(unit, weight, target);
            }
        }

        return new LsaModel(k, vocabulary, idf, termVectors);
    }

    /// <summary>The unit-length embedding of weighted terms (TF-IDF folded into the latent space); all zeros when
    /// no term is known.</summary>
    public float[] Embed(IEnumerable<(string Term, float Weight)> terms)
    {
        var vector = new float[Dimensions];
        foreach (var (term, weight) in Row(terms, _vocabulary, _idf))
        {
            DenseMath.AddScaled(_termVectors.AsSpan(term * Dimensions, Dimensions), weight, vector);
        }

        DenseMath.Normalize(vector);
        return vector;
    }

    /// <summary>A sparse L2-normalized TF-IDF row: (1 + log tf) · idf · weight per known term.</summary>
    private static List<(int Term, float Weight)> Row(IEnumerable<(string Term, float Weight)> terms, Dictionary<string, int> vocabulary, float[] idf)
    {
        var row = new List<(int Term, float Weight)>();
        var positions = new Dictionary<int, int>();
        var counts = new List<(float Tf, float Weight)>();
        foreach (var (term, weight) in terms)
        {
            if (!vocabulary.TryGetValue(term, out var id))
            {
                continue;
            }

            if (positions.TryGetValue(id, out var at))
            {
                counts[at] = (counts[at].Tf + 1, Math.Max(counts[at].Weight, weight));
            }
            else
            {
                positions[id] = row.Count;
                row.Add((id, 0));
                counts.Add((1, weight));
            }
        }

        var norm = 0f;
        for (var i = 0; i < row.Count; i++)
        {
            var value = (1 + MathF.Log(counts[i].Tf)) * idf[row[i].Term] * counts[i].Weight;
            row[i] = (row[i].Term, value);
            norm += value * value;
        }

        norm = MathF.Sqrt(norm);
        for (var i = 0; norm > 0 && i < row.Count; i++)
        {
            row[i] = (row[i].Term, row[i].Weight / norm);
        }

        return row;
    }

    /// <summary>An orthonormal basis (k columns of length n, column-major) of the top-k left singular subspace of
    /// A, by randomized subspace iteration on the unit Gram matrix G = A Aᵀ.</summary>
    private static float[] TopSubspace(List<List<(int Term, float Weight)>> rows, int n, int k, int seed)
    {
        var gram = Gram(rows, n);
        var random = new Random(seed);
        var q = new float[k * n];
        for (var i = 0; i < q.Length; i++)
        {
            q[i] = (float)((random.NextDouble() * 2) - 1);
        }

        Orthonormalize(q, n, k);
        var y = new float[k * n];
        for (var iteration = 0; iteration < PowerIterations; iteration++)
        {
            Multiply(gram, q, y, n, k);
            (q, y) = (y, q);
            Orthonormalize(q, n, k);
        }

        return q;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] Gram(List<List<(int Term, float Weight)>> rows, int n)
    {
        var postings = new Dictionary<int, List<(int Row, float Weight)>>();
        for (var i = 0; i < n; i++)
        {
            foreach (var (term, weight) in rows[i])
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add((i, weight));
            }
        }

        var gram = new float[n * n];
        foreach (var list in postings.Values)
        {
            foreach (var (i, wi) in list)
            {
                foreach (var (j, wj) in list)
                {
                    gram[(i * n) + j] += wi * wj;
                }
            }
        }

        return gram;
    }

    // y[:, c] = G q[:, c] for each of the l columns (G symmetric, so rows serve as columns)
    private static void Multiply(float[] gram, float[] q, float[] y, int n, int l) =>
        Parallel.For(0, n, i => MultiplyRow(gram, q, y, n, l, i));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRow(float[] gram, float[] q, float[] y, int n, int l, int i)
    {
        var row = gram.AsSpan(i * n, n);
        for (var c = 0; c < l; c++)
        {
            y[(c * n) + i] = DenseMath.Dot(row, q.AsSpan(c * n, n));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Orthonormalize(float[] columns, int n, int l)
    {
        for (var c = 0; c < l; c++)
        {
            var column = columns.AsSpan(c * n, n);
            for (var p = 0; p < c; p++)
            {
                var previous = columns.AsSpan(p * n, n);
                DenseMath.AddScaled(previous, -DenseMath.Dot(column, previous), column);
            }

            if (DenseMath.Normalize(column) <= 1e-6f)
            {
                column.Clear();
            }
        }
    }
}
