using System.Globalization;
using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Verification;

/// <summary>Compares two renders of the same tile: exactly on one backend, statistically across backends.</summary>
/// <remarks>
/// The kernel is deterministic, so two honest renders on the same backend build are bit-identical and any
/// difference is proof. Across backends (CPU vs CUDA) the math differs in the last bits and paths diverge, so the
/// comparison is on the tile's channel means, with a relative tolerance plus a noise allowance from the pixels'
/// spread: a blank, under-sampled or foreign tile moves the means far outside it.
/// </remarks>
/// <param name="options">Tolerances.</param>
public sealed class TileComparer(VerificationOptions options)
{
    /// <summary>Compares two results of one tile.</summary>
    /// <param name="a">One render.</param>
    /// <param name="b">The other render.</param>
    /// <returns>Whether they agree, and why.</returns>
    public TileComparison Compare(TileRenderResult a, TileRenderResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Pixels.Length != b.Pixels.Length || a.Pixels.Length == 0 || a.Pixels.Length % 3 != 0)
        {
            return new(false, $"pixel counts differ ({a.Pixels.Length} vs {b.Pixels.Length})");
        }

        if (a.Backend == b.Backend)
        {
            int first = a.Pixels.AsSpan().CommonPrefixLength(b.Pixels);
            return first == a.Pixels.Length
                ? new(true, $"bit-identical on {a.Backend}")
                : new(false, string.Create(
                    CultureInfo.InvariantCulture,
                    $"differ on {a.Backend} from float {first} ({a.Pixels[first]} vs {b.Pixels[first]}); " +
                        $"one backend must match exactly"));
        }

        var (meanA, errorA) = Moments(a.Pixels);
        var (meanB, errorB) = Moments(b.Pixels);
        for (int c = 0; c < 3; c++)
        {
            double allowed = (options.CrossBackendMeanTolerance * Math.Max(Math.Abs(meanA[c]), Math.Abs(meanB[c])))
                + (options.CrossBackendSigmas * Math.Sqrt((errorA[c] * errorA[c]) + (errorB[c] * errorB[c]))) + 1e-6;
            double difference = Math.Abs(meanA[c] - meanB[c]);
            if (!(difference <= allowed))
            {
                return new(false, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{a.Backend} vs {b.Backend}: channel {c} mean {meanA[c]:G4} vs {meanB[c]:G4}, " +
                        $"difference {difference:G3} > allowed {allowed:G3}"));
            }
        }

        return new(true, $"{a.Backend} vs {b.Backend}: channel means agree within noise");
    }

    /// <summary>Per-channel mean and standard error of the mean; non-finite values poison the mean on purpose.</summary>
    private static (double[] Mean, double[] Error) Moments(float[] rgb)
    {
        var sum = new double[3];
        var squares = new double[3];
        int n = rgb.Length / 3;
        for (int i = 0; i < rgb.Length; i++)
        {
            sum[i % 3] += rgb[i];
            squares[i % 3] += (double)rgb[i] * rgb[i];
        }

        var mean = new double[3];
        var error = new double[3];
        for (int c = 0; c < 3; c++)
        {
            mean[c] = sum[c] / n;
            double variance = Math.Max(0, (squares[c] / n) - (mean[c] * mean[c]));
            error[c] = Math.Sqrt(variance / n);
        }

        return (mean, error);
    }
}
