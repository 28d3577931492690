using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>An analytic sphere of a built-in scene (world space).</summary>
/// <param name="Center">Centre.</param>
/// <param name="Radius">Radius.</param>
/// <param name="Material">Index into the scene's materials.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct SphereData(Float3 Center, float Radius, int Material);
