namespace Pictor.Rendering.Numerics;

/// <summary>A rotation quaternion (x, y, z, w), as glTF stores node rotations.</summary>
/// <param name="X">The x component.</param>
/// <param name="Y">The y component.</param>
/// <param name="Z">The z component.</param>
/// <param name="W">The scalar component.</param>
public readonly record struct Quaternion4(float X, float Y, float Z, float W)
{
    /// <summary>No rotation.</summary>
    public static Quaternion4 Identity => new(0f, 0f, 0f, 1f);

    /// <summary>Returns the quaternion scaled to unit length (identity when zero).</summary>
    /// <returns>The unit quaternion.</returns>
    public Quaternion4 Normalized()
    {
        float length = MathF.Sqrt((X * X) + (Y * Y) + (Z * Z) + (W * W));
        return length > 0f && float.IsFinite(length) ? new Quaternion4(X / length, Y / length, Z / length, W / length) : Identity;
    }

    /// <summary>Spherical linear interpolation along the shorter arc.</summary>
    /// <param name="a">Start rotation.</param>
    /// <param name="b">End rotation.</param>
    /// <param name="t">Blend factor in [0, 1].</param>
    /// <returns>The interpolated unit quaternion.</returns>
    public static Quaternion4 Slerp(Quaternion4 a, Quaternion4 b, float t)
    {
        float cos = (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z) + (a.W * b.W);
        float sign = 1f;
        if (cos < 0f)
        {
            cos = -cos;
            sign = -1f;
        }

        float wa, wb;
        if (cos > 0.9995f)
        {
            wa = 1f - t;
            wb = t * sign;
        }
        else
        {
            float angle = MathF.Acos(cos);
            float sin = MathF.Sin(angle);
            wa = MathF.Sin((1f - t) * angle) / sin;
            wb = MathF.Sin(t * angle) / sin * sign;
        }

        return new Quaternion4(
            (wa * a.X) + (wb * b.X), (wa * a.Y) + (wb * b.Y), (wa * a.Z) + (wb * b.Z), (wa * a.W) + (wb * b.W)).Normalized();
    }
}
