using System.Runtime.InteropServices;

namespace Pictor.Rendering.Scenes;

/// <summary>Shading data of one triangle: its three vertices' attribute indices and its material.</summary>
/// <param name="A">Attribute index of the first vertex.</param>
/// <param name="B">Attribute index of the second vertex.</param>
/// <param name="C">Attribute index of the third vertex.</param>
/// <param name="Material">Index into the scene's materials.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TriangleInfo(int A, int B, int C, int Material);
