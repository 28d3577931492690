using MessagePack;

namespace Pictor.Rendering.Packages;

/// <summary>One mesh and its BVH, in mesh space (or world space for the baked static mesh).</summary>
[MessagePackObject]
public sealed class PackageMesh
{
    /// <summary>Name, for messages.</summary>
    [Key(0)]
    public string Name { get; set; } = string.Empty;

    /// <summary>BVH nodes (blob of <see cref="Acceleration.BvhNode"/>), indices relative to this mesh.</summary>
    [Key(1)]
    public byte[] Nodes { get; set; } = [];

    /// <summary>Triangles in leaf order (blob of <see cref="Acceleration.Triangle"/>).</summary>
    [Key(2)]
    public byte[] Triangles { get; set; } = [];

    /// <summary>Shading data per triangle, same order (blob of <see cref="Scenes.TriangleInfo"/>), vertex indices relative.</summary>
    [Key(3)]
    public byte[] TriangleInfos { get; set; } = [];

    /// <summary>Vertex attributes (blob of <see cref="Scenes.VertexAttributes"/>).</summary>
    [Key(4)]
    public byte[] Vertices { get; set; } = [];
}
