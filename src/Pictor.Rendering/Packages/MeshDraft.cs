using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Packages;

/// <summary>An indexed triangle mesh as an importer produces it, before its BVH is built.</summary>
/// <param name="Name">Name, for messages.</param>
/// <param name="Positions">Vertex positions in the mesh's space.</param>
/// <param name="Attributes">Normals and texture coordinates, one per position.</param>
/// <param name="Indices">Three vertex indices per triangle.</param>
/// <param name="Materials">Material index per triangle.</param>
public sealed record MeshDraft(string Name, Float3[] Positions, VertexAttributes[] Attributes, int[] Indices, int[] Materials)
{
    /// <summary>Number of triangles.</summary>
    public int TriangleCount => Indices.Length / 3;
}
