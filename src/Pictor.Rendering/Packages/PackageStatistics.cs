namespace Pictor.Rendering.Packages;

/// <summary>What building a package cost and what it holds.</summary>
/// <param name="Triangles">Triangles in all meshes.</param>
/// <param name="BvhBuildSeconds">Wall time of the BVH builds (including reordering triangles).</param>
/// <param name="BvhBytes">Bytes of BVH nodes.</param>
/// <param name="GeometryBytes">Bytes of nodes, triangles, triangle records and vertex attributes.</param>
public sealed record PackageStatistics(long Triangles, double BvhBuildSeconds, long BvhBytes, long GeometryBytes)
{
    /// <summary>Geometry bytes per triangle (BVH, intersection and shading data together).</summary>
    public double BytesPerTriangle => Triangles > 0 ? (double)GeometryBytes / Triangles : 0;
}
