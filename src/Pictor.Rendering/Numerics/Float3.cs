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
}
