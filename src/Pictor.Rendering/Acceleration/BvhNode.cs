using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Acceleration;

/// <summary>One node of a flattened bounding volume hierarchy: 32 bytes, laid out depth first.</summary>
/// <remarks>
/// An interior node (<see cref="Count"/> = 0) has its first child right after it and its second child at
/// <see cref="LeftOrFirst"/>; a leaf (<see cref="Count"/> &gt; 0) covers primitives [<see cref="LeftOrFirst"/>,
/// <see cref="LeftOrFirst"/> + <see cref="Count"/>). Indices are absolute in the array the node lives in.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct BvhNode
{
    /// <summary>Lower corner of the node's box.</summary>
    public Float3 Min;

    /// <summary>Second child (interior) or first primitive (leaf).</summary>
    public int LeftOrFirst;

    /// <summary>Upper corner of the node's box.</summary>
    public Float3 Max;

    /// <summary>Primitive count of a leaf; 0 for an interior node.</summary>
    public int Count;
}
