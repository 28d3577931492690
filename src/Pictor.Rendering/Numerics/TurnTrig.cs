using System.Runtime.CompilerServices;

namespace Pictor.Rendering.Numerics;

/// <summary>Sine and cosine of an angle given in turns (1 turn = 2π), written as plain float arithmetic.</summary>
/// <remarks>
/// The renderer's own formulation instead of <see cref="MathF.Sin"/>/<see cref="MathF.Cos"/>: the scalar kernel code and
/// the 8-wide packet tracer (<see cref="Float3Packet"/>, <c>PacketPathTracer</c>) evaluate exactly the same sequence of
/// IEEE operations (floor, add, multiply), so both produce bit-identical images. Reduction is exact because the input is a
/// turn fraction: <c>4·turns − k</c> loses no bits, and only one rounding (× π/2) precedes the Taylor polynomials on
/// [−π/4, π/4], whose truncation error (below 2·10⁻⁹) is far under float resolution.
/// </remarks>
public static class TurnTrig
{
    /// <summary>π/2 as a float.</summary>
    internal const float HalfPi = 1.57079632679f;

    /// <summary>Taylor coefficients of sin x: x + S3·x³ + S5·x⁵ + S7·x⁷ + S9·x⁹.</summary>
    internal const float S3 = -1f / 6f;

    /// <summary>x⁵ coefficient of sin.</summary>
    internal const float S5 = 1f / 120f;

    /// <summary>x⁷ coefficient of sin.</summary>
    internal const float S7 = -1f / 5040f;

    /// <summary>x⁹ coefficient of sin.</summary>
    internal const float S9 = 1f / 362880f;

    /// <summary>Taylor coefficients of cos x: 1 + C2·x² + … + C10·x¹⁰.</summary>
    internal const float C2 = -1f / 2f;

    /// <summary>x⁴ coefficient of cos.</summary>
    internal const float C4 = 1f / 24f;

    /// <summary>x⁶ coefficient of cos.</summary>
    internal const float C6 = -1f / 720f;

    /// <summary>x⁸ coefficient of cos.</summary>
    internal const float C8 = 1f / 40320f;

    /// <summary>x¹⁰ coefficient of cos.</summary>
    internal const float C10 = -1f / 3628800f;

    /// <summary>Returns sin(2π·<paramref name="turns"/>) and cos(2π·<paramref name="turns"/>).</summary>
    /// <param name="turns">The angle in turns; accurate for |turns| up to a few thousand.</param>
    /// <param name="cos">Receives the cosine.</param>
    /// <returns>The sine.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SinCos(float turns, out float cos)
    {
        float quarters = turns * 4f;
        float k = MathF.Floor(quarters + 0.5f);
        float x = (quarters - k) * HalfPi;
        float x2 = x * x;
        float s = x + (x * x2 * (S3 + (x2 * (S5 + (x2 * (S7 + (x2 * S9)))))));
        float c = 1f + (x2 * (C2 + (x2 * (C4 + (x2 * (C6 + (x2 * (C8 + (x2 * C10)))))))));
        int quadrant = (int)k & 3;
        bool odd = (quadrant & 1) != 0;
        float sin = odd ? c : s;
        cos = odd ? s : c;
        if (quadrant == 1 || quadrant == 2)
        {
            cos = -cos;
        }

        if (quadrant >= 2)
        {
            sin = -sin;
        }

        return sin;
    }
}
