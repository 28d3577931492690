using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pictor.Rendering.Numerics;

/// <summary>Eight <see cref="Float3"/> values in structure-of-arrays form: one lane per path of a packet.</summary>
/// <remarks>
/// Managed code only (ILGPU kernels cannot compile <see cref="Vector256{T}"/>). Every operator performs, lane by lane,
/// the same IEEE operations in the same order as its <see cref="Float3"/> twin, so a lane's result is bit-identical to
/// the scalar one.
/// </remarks>
/// <param name="X">The x components.</param>
/// <param name="Y">The y components.</param>
/// <param name="Z">The z components.</param>
internal readonly record struct Float3Packet(Vector256<float> X, Vector256<float> Y, Vector256<float> Z)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet Broadcast(float x, float y, float z) =>
        new(Vector256.Create(x), Vector256.Create(y), Vector256.Create(z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet operator +(Float3Packet a, Float3Packet b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet operator -(Float3Packet a, Float3Packet b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet operator *(Float3Packet a, Vector256<float> s) => new(a.X * s, a.Y * s, a.Z * s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet operator *(Float3Packet a, Float3Packet b) => new(a.X * b.X, a.Y * b.Y, a.Z * b.Z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Dot(Float3Packet a, Float3Packet b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet Cross(Float3Packet a, Float3Packet b) =>
        new((a.Y * b.Z) - (a.Z * b.Y), (a.Z * b.X) - (a.X * b.Z), (a.X * b.Y) - (a.Y * b.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet Normalize(Float3Packet a) => a * (Vector256<float>.One / Vector256.Sqrt(Dot(a, a)));

    /// <summary>
    /// Per lane: <paramref name="whenTrue"/> where <paramref name="mask"/> is all ones, else
    /// <paramref name="whenFalse"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3Packet Select(Vector256<float> mask, Float3Packet whenTrue, Float3Packet whenFalse) =>
        new(
            Vector256.ConditionalSelect(mask, whenTrue.X, whenFalse.X),
            Vector256.ConditionalSelect(mask, whenTrue.Y, whenFalse.Y),
            Vector256.ConditionalSelect(mask, whenTrue.Z, whenFalse.Z));

    /// <summary>Per lane: the largest component (inputs are finite and positive, so native max equals MathF.Max).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> MaxComponent() => Vector256.MaxNative(X, Vector256.MaxNative(Y, Z));
}
