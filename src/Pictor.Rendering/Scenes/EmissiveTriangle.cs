using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>An emitting triangle in world space, for next-event estimation.</summary>
/// <param name="V0">First vertex.</param>
/// <param name="E1">Second vertex minus the first.</param>
/// <param name="E2">Third vertex minus the first.</param>
/// <param name="Emission">Emitted radiance.</param>
/// <param name="Normal">Unit front-face normal (E1 × E2 normalized).</param>
/// <param name="Area">Area.</param>
/// <param name="DoubleSided">1 when it emits from both faces.</param>
/// <param name="Triangle">Absolute index of the triangle (for its texture coordinates when its emission is textured).</param>
/// <param name="Material">Index of its material.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct EmissiveTriangle(
    Float3 V0, Float3 E1, Float3 E2, Float3 Emission, Float3 Normal, float Area, int DoubleSided, int Triangle, int Material);
