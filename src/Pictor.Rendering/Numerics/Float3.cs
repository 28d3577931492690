using System.Runtime.CompilerServices;

namespace Pictor.Rendering.Numerics;

/// <summary>A three-component float vector usable both in ILGPU kernels and in managed code.</summary>
/// <remarks>
/// <c>System.Numerics.Vector3</c> is avoided on purpose: ILGPU cannot compile its intrinsics, and every
/// operation here is a plain IEEE float operation so the managed and kernel paths round identically.
/// </remarks>
/// <param name="X">The x component.</param>
/// <param name="Y">The y component.</param>
/// <param name="Z">The z component.</param>
public readonly record struct Float3(float X, float Y, float Z)
{
    /// <summary>The zero vector.</summary>
    public static Float3 Zero => new(0f, 0f, 0f);

    /// <summary>The vector (1, 1, 1).</summary>
    public static Float3 One => new(1f, 1f, 1f);

    /// <summary>Component-wise sum.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 operator +(Float3 a, Float3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Component-wise difference.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 operator -(Float3 a, Float3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Scales by a scalar.</summary>
    /// <param name="a">The vector.</param>
    /// <param name="s">The scale.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 operator *(Float3 a, float s) => new(a.X * s, a.Y * s, a.Z * s);

    /// <summary>Component-wise product.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 operator *(Float3 a, Float3 b) => new(a.X * b.X, a.Y * b.Y, a.Z * b.Z);

    /// <summary>Dot product.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a·b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(Float3 a, Float3 b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

    /// <summary>Cross product.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>a×b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 Cross(Float3 a, Float3 b) =>
        new((a.Y * b.Z) - (a.Z * b.Y), (a.Z * b.X) - (a.X * b.Z), (a.X * b.Y) - (a.Y * b.X));

    /// <summary>Returns the vector scaled to unit length.</summary>
    /// <param name="a">A non-zero vector.</param>
    /// <returns>a / |a|.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 Normalize(Float3 a) => a * (1f / MathF.Sqrt(Dot(a, a)));

    /// <summary>The largest component.</summary>
    /// <returns>max(X, Y, Z).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float MaxComponent() => MathF.Max(X, MathF.Max(Y, Z));

    /// <summary>Negation.</summary>
    /// <param name="a">The vector.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 operator -(Float3 a) => new(-a.X, -a.Y, -a.Z);

    /// <summary>Component-wise minimum.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>min(a, b) per component.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 Min(Float3 a, Float3 b) => new(MathF.Min(a.X, b.X), MathF.Min(a.Y, b.Y), MathF.Min(a.Z, b.Z));

    /// <summary>Component-wise maximum.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>max(a, b) per component.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 Max(Float3 a, Float3 b) => new(MathF.Max(a.X, b.X), MathF.Max(a.Y, b.Y), MathF.Max(a.Z, b.Z));

    /// <summary>Euclidean length.</summary>
    /// <param name="a">The vector.</param>
    /// <returns>|a|.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Length(Float3 a) => MathF.Sqrt(Dot(a, a));

    /// <summary>Returns component <paramref name="axis"/> (0 = X, 1 = Y, else Z).</summary>
    /// <param name="axis">The axis.</param>
    /// <returns>The component.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Axis(int axis) => axis == 0 ? X : (axis == 1 ? Y : Z);

    /// <summary>Rec. 709 luminance of a linear RGB colour.</summary>
    /// <returns>0.2126 R + 0.7152 G + 0.0722 B.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Luminance() => (0.2126f * X) + (0.7152f * Y) + (0.0722f * Z);
}
