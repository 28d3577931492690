using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Import;

/// <summary>A scene ready to render: its package, content address, geometry and what importing it cost.</summary>
/// <param name="Package">The package.</param>
/// <param name="Bytes">The package's canonical bytes.</param>
/// <param name="Hash">SHA-256 of <paramref name="Bytes"/>, lower-case hex.</param>
/// <param name="Geometry">The device arrays.</param>
/// <param name="Statistics">Triangle count, BVH build time and sizes.</param>
public sealed record LoadedScene(ScenePackage Package, byte[] Bytes, string Hash, SceneGeometry Geometry, PackageStatistics Statistics)
{
    /// <summary>Warnings of the import.</summary>
    public IReadOnlyList<string> Warnings => Package.Warnings;
}
