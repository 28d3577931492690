using System.Runtime.CompilerServices;

namespace Pictor.Rendering.Numerics;

/// <summary>An affine transform: a 3×3 linear part (rows R0..R2) and a translation, usable in kernels.</summary>
/// <remarks>A point p maps to (R0·p + T.X, R1·p + T.Y, R2·p + T.Z). Composition and inversion are host-side helpers.</remarks>
/// <param name="R0">First row of the linear part.</param>
/// <param name="R1">Second row of the linear part.</param>
/// <param name="R2">Third row of the linear part.</param>
/// <param name="T">The translation.</param>
public readonly record struct Affine3(Float3 R0, Float3 R1, Float3 R2, Float3 T)
{
    /// <summary>The identity transform.</summary>
    public static Affine3 Identity => new(new Float3(1f, 0f, 0f), new Float3(0f, 1f, 0f), new Float3(0f, 0f, 1f), Float3.Zero);

    /// <summary>Transforms a point.</summary>
    /// <param name="p">The point.</param>
    /// <returns>The transformed point.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Float3 Point(Float3 p) => new(Float3.Dot(R0, p) + T.X, Float3.Dot(R1, p) + T.Y, Float3.Dot(R2, p) + T.Z);

    /// <summary>Transforms a direction (no translation).</summary>
    /// <param name="v">The direction.</param>
    /// <returns>The transformed direction, not renormalized.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Float3 Vector(Float3 v) => new(Float3.Dot(R0, v), Float3.Dot(R1, v), Float3.Dot(R2, v));

    /// <summary>Multiplies by the transpose of the linear part: maps a normal when this is the inverse transform.</summary>
    /// <param name="n">A normal of the space this transform maps into.</param>
    /// <returns>The normal in the space this transform maps from, not renormalized.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Float3 TransposedVector(Float3 n) => (R0 * n.X) + (R1 * n.Y) + (R2 * n.Z);

    /// <summary>Builds translation · rotation · scale, as glTF composes a node's TRS.</summary>
    /// <param name="translation">The translation.</param>
    /// <param name="rotation">A unit quaternion (x, y, z, w).</param>
    /// <param name="scale">The scale.</param>
    /// <returns>The transform.</returns>
    public static Affine3 FromTrs(Float3 translation, Quaternion4 rotation, Float3 scale)
    {
        float x = rotation.X, y = rotation.Y, z = rotation.Z, w = rotation.W;
        var c0 = new Float3(1f - (2f * ((y * y) + (z * z))), 2f * ((x * y) + (z * w)), 2f * ((x * z) - (y * w))) * scale.X;
        var c1 = new Float3(2f * ((x * y) - (z * w)), 1f - (2f * ((x * x) + (z * z))), 2f * ((y * z) + (x * w))) * scale.Y;
        var c2 = new Float3(2f * ((x * z) + (y * w)), 2f * ((y * z) - (x * w)), 1f - (2f * ((x * x) + (y * y)))) * scale.Z;
        return new Affine3(new Float3(c0.X, c1.X, c2.X), new Float3(c0.Y, c1.Y, c2.Y), new Float3(c0.Z, c1.Z, c2.Z), translation);
    }

    /// <summary>Composes two transforms: the result applies <paramref name="b"/> first, then <paramref name="a"/>.</summary>
    /// <param name="a">The outer transform.</param>
    /// <param name="b">The inner transform.</param>
    /// <returns>a ∘ b.</returns>
    public static Affine3 operator *(Affine3 a, Affine3 b)
    {
        var bc0 = new Float3(b.R0.X, b.R1.X, b.R2.X);
        var bc1 = new Float3(b.R0.Y, b.R1.Y, b.R2.Y);
        var bc2 = new Float3(b.R0.Z, b.R1.Z, b.R2.Z);
        return new Affine3(
            new Float3(Float3.Dot(a.R0, bc0), Float3.Dot(a.R0, bc1), Float3.Dot(a.R0, bc2)),
            new Float3(Float3.Dot(a.R1, bc0), Float3.Dot(a.R1, bc1), Float3.Dot(a.R1, bc2)),
            new Float3(Float3.Dot(a.R2, bc0), Float3.Dot(a.R2, bc1), Float3.Dot(a.R2, bc2)),
            a.Point(b.T));
    }

    /// <summary>The determinant of the linear part.</summary>
    /// <returns>det(R).</returns>
    public float Determinant() => Float3.Dot(R0, Float3.Cross(R1, R2));

    /// <summary>The inverse transform, computed in double precision.</summary>
    /// <returns>The inverse; a degenerate (zero-scale) transform gives all zeros.</returns>
    public Affine3 Inverse()
    {
        double a = R0.X, b = R0.Y, c = R0.Z, d = R1.X, e = R1.Y, f = R1.Z, g = R2.X, h = R2.Y, i = R2.Z;
        double ca = (e * i) - (f * h), cb = -((d * i) - (f * g)), cc = (d * h) - (e * g);
        double det = (a * ca) + (b * cb) + (c * cc);
        if (Math.Abs(det) < 1e-30)
        {
            return default;
        }

        double inv = 1.0 / det;
        var r0 = new Float3((float)(ca * inv), (float)(-((b * i) - (c * h)) * inv), (float)(((b * f) - (c * e)) * inv));
        var r1 = new Float3((float)(cb * inv), (float)(((a * i) - (c * g)) * inv), (float)(-((a * f) - (c * d)) * inv));
        var r2 = new Float3((float)(cc * inv), (float)(-((a * h) - (b * g)) * inv), (float)(((a * e) - (b * d)) * inv));
        var linear = new Affine3(r0, r1, r2, Float3.Zero);
        var t = linear.Vector(T);
        return linear with { T = -t };
    }
}
