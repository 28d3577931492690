using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Acceleration;

/// <summary>A triangle as the intersection test wants it: one vertex and the two edges from it (36 bytes).</summary>
/// <param name="V0">The first vertex.</param>
/// <param name="E1">Second vertex minus the first.</param>
/// <param name="E2">Third vertex minus the first.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Triangle(Float3 V0, Float3 E1, Float3 E2)
{
    /// <summary>Builds the record from three vertices.</summary>
    /// <param name="a">First vertex.</param>
    /// <param name="b">Second vertex.</param>
    /// <param name="c">Third vertex.</param>
    /// <returns>The triangle.</returns>
    public static Triangle FromVertices(Float3 a, Float3 b, Float3 c) => new(a, b - a, c - a);

    /// <summary>Twice the triangle's area.</summary>
    /// <returns>|E1 × E2|.</returns>
    public float DoubleArea() => Float3.Length(Float3.Cross(E1, E2));
}
