using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>What shading needs of a vertex: its normal and texture coordinates (positions live in the triangles).</summary>
/// <param name="Normal">Unit normal in the mesh's space.</param>
/// <param name="U">Texture coordinate u (TEXCOORD_0).</param>
/// <param name="V">Texture coordinate v, glTF convention (0 = top of the image).</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct VertexAttributes(Float3 Normal, float U, float V);
