namespace SofaBot.Answering.Calibration;

/// <summary>L2-regularized logistic regression fitted by Newton's method: a dozen features and a few hundred rows
/// converge in a handful of exact steps, with no learning rate to tune, and the same rows always give the same
/// weights.</summary>
public static class LogisticFit
{
    /// <summary>The penalty on the squared weights (not the intercept). Features lie in about 0–1; with a few hundred
    /// rows, 1 keeps a feature that separates a handful of rows perfectly (a doubt seen only on wrong matches) from
    /// running off to a huge weight, while leaving the well-supported weights nearly where the data put them.</summary>
    public const double DefaultPenalty = 1.0;

    private const int MaxSteps = 100;

    public static ConfidenceModel Fit(IReadOnlyList<CalibrationRow> rows, double penalty = DefaultPenalty)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var d = rows[0].Features.Length + 1; // the intercept is coordinate 0
        var theta = new double[d];
        for (var step = 0; step < MaxSteps; step++)
        {
            var gradient = new double[d];
            var hessian = new double[d, d];
            foreach (var row in rows)
            {
                var x = Extended(row.Features);
                var p = Sigmoid(Dot(theta, x));
                var residual = p - (row.Right ? 1 : 0);
                var curvature = Math.Max(p * (1 - p), 1e-12);
                for (var i = 0; i < d; i++)
                {
                    gradient[i] += residual * x[i];
                    for (var j = 0; j < d; j++)
                    {
                        hessian[i, j] += curvature * x[i] * x[j];
                    }
                }
            }

            for (var i = 0; i < d; i++)
            {
                // a whisper of penalty on the intercept keeps the system solvable when every row has one label
                var lambda = i == 0 ? 1e-6 : penalty;
                gradient[i] += lambda * theta[i];
                hessian[i, i] += lambda;
            }

            var delta = Solve(hessian, gradient);
            var largest = 0.0;
            for (var i = 0; i < d; i++)
            {
                theta[i] -= delta[i];
                largest = Math.Max(largest, Math.Abs(delta[i]));
            }

            if (largest < 1e-9)
            {
                break;
            }
        }

        return new ConfidenceModel((float)theta[0], [.. theta.Skip(1).Select(t => (float)t)]);
    }

    private static double[] Extended(float[] features)
    {
        var x = new double[features.Length + 1];
        x[0] = 1;
        for (var i = 0; i < features.Length; i++)
        {
            x[i + 1] = features[i];
        }

        return x;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Solves <c>A x = b</c> by Gaussian elimination with partial pivoting (A is small and positive definite).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                {
                    (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[row, k] -= factor * m[col, k];
                }

                x[row] -= factor * x[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            for (var k = row + 1; k < n; k++)
            {
                x[row] -= m[row, k] * x[k];
            }

            x[row] /= m[row, row];
        }

        return x;
    }
}
