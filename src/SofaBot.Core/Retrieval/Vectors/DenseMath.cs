using System.Numerics;
using System.Runtime.CompilerServices;

namespace SofaBot.Retrieval.Vectors;

/// <summary>The dense kernels that training the corpus embedder runs millions of times, compiled optimized at first
/// call.</summary>
/// <remarks>TensorPrimitives is as fast once the runtime has tiered it up, but training runs once, at start-up, while
/// a library's code is still in the quick unoptimized tier, where it is several times slower. These few loops are
/// marked for immediate optimization instead, which keeps the first index build under a few hundred milliseconds
/// without changing how the rest of the program is compiled.</remarks>
internal static class DenseMath
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var width = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            sum += new Vector<float>(x[i..]) * new Vector<float>(y[i..]);
        }

        var total = Vector.Sum(sum);
        for (; i < x.Length; i++)
        {
            total += x[i] * y[i];
        }

        return total;
    }

    /// <summary>target += scale · x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(ReadOnlySpan<float> x, float scale, Span<float> target)
    {
        var width = Vector<float>.Count;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            (new Vector<float>(target[i..]) + (new Vector<float>(x[i..]) * scale)).CopyTo(target[i..]);
        }

        for (; i < x.Length; i++)
        {
            target[i] += scale * x[i];
        }
    }

    /// <summary>Scales the vector to unit length; returns its former length (a zero vector stays zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Normalize(Span<float> x)
    {
        var norm = MathF.Sqrt(Dot(x, x));
        if (norm > 0)
        {
            var inverse = 1 / norm;
            for (var i = 0; i < x.Length; i++)
            {
                x[i] *= inverse;
            }
        }

        return norm;
    }
}
