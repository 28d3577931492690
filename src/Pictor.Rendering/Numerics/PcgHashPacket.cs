using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pictor.Rendering.Numerics;

/// <summary><see cref="PcgHash"/> on eight lanes at once; requires AVX2 for the per-lane variable shift.</summary>
internal static class PcgHashPacket
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Hash(Vector256<uint> value)
    {
        var state = (value * 747796405u) + Vector256.Create(2891336453u);
        var shift = (state >> 28) + Vector256.Create(4u);
        var word = (Avx2.ShiftRightLogicalVariable(state, shift) ^ state) * 277803737u;
        return (word >> 22) ^ word;
    }

    /// <summary>Advances <paramref name="state"/> in the lanes of <paramref name="draw"/> and returns their uniform floats.</summary>
    /// <param name="state">Per-lane random states.</param>
    /// <param name="draw">Lanes that draw (all ones); the others keep their state and get an unused value.</param>
    /// <returns>Uniform floats in [0, 1) with 24 random bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NextFloat(ref Vector256<uint> state, Vector256<float> draw)
    {
        var next = Hash(state);
        state = Vector256.ConditionalSelect(draw.AsUInt32(), next, state);
        return Vector256.ConvertToSingle((next >> 8).AsInt32()) * (1f / 16777216f);
    }

    /// <summary>Advances every lane's state and returns its uniform float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NextFloat(ref Vector256<uint> state)
    {
        state = Hash(state);
        return Vector256.ConvertToSingle((state >> 8).AsInt32()) * (1f / 16777216f);
    }
}
