using MessagePack;

namespace Pictor.Rendering.Packages;

/// <summary>An imported scene, flattened for the devices: per-mesh BVHs, materials, textures, nodes, animation,
/// cameras and lights. Serialized with MessagePack and addressed by the SHA-256 of those bytes.</summary>
/// <remarks>
/// Static geometry is baked into world space at import (one mesh, instanced by node −1); meshes under animated nodes
/// keep their own BVH in mesh space and are placed per frame. Large arrays are little-endian struct blobs
/// (<see cref="PackageBlob"/>), so a package of a million triangles serializes in a few hundred milliseconds.
/// </remarks>
[MessagePackObject]
public sealed class ScenePackage
{
    /// <summary>The layout version this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Layout version of the blobs.</summary>
    [Key(0)]
    public int Format { get; set; } = CurrentFormat;

    /// <summary>Meshes, each with its own BVH.</summary>
    [Key(1)]
    public PackageMesh[] Meshes { get; set; } = [];

    /// <summary>Materials: a blob of <see cref="Scenes.MaterialData"/>.</summary>
    [Key(2)]
    public byte[] Materials { get; set; } = [];

    /// <summary>Textures.</summary>
    [Key(3)]
    public PackageTexture[] Textures { get; set; } = [];

    /// <summary>Nodes, parents before children.</summary>
    [Key(4)]
    public PackageNode[] Nodes { get; set; } = [];

    /// <summary>Placements of meshes.</summary>
    [Key(5)]
    public PackageInstance[] Instances { get; set; } = [];

    /// <summary>Animation channels on node translation, rotation and scale.</summary>
    [Key(6)]
    public PackageAnimationChannel[] Channels { get; set; } = [];

    /// <summary>Perspective cameras.</summary>
    [Key(7)]
    public PackageCamera[] Cameras { get; set; } = [];

    /// <summary>Punctual lights in node space: a blob of <see cref="Scenes.PunctualLight"/>.</summary>
    [Key(8)]
    public byte[] Lights { get; set; } = [];

    /// <summary>Analytic spheres (built-in scenes): a blob of <see cref="Scenes.SphereData"/>.</summary>
    [Key(9)]
    public byte[] Spheres { get; set; } = [];

    /// <summary>Constant radiance of rays that escape (RGB).</summary>
    [Key(10)]
    public float[] Background { get; set; } = [0f, 0f, 0f];

    /// <summary>Frame rate that maps frame numbers to animation time.</summary>
    [Key(11)]
    public float FramesPerSecond { get; set; } = 24f;

    /// <summary>What the importer could not represent, in words.</summary>
    [Key(12)]
    public string[] Warnings { get; set; } = [];

    /// <summary>Where the scene came from (file name or builtin id), for messages.</summary>
    [Key(13)]
    public string Source { get; set; } = string.Empty;

    /// <summary>A shallow copy without the bulk: meshes keep their names, textures their size and wrap modes, but not
    /// their geometry blobs and texels.</summary>
    /// <returns>The copy (nodes, animation, cameras and lights are shared with this package).</returns>
    public ScenePackage WithoutBulkData() => new()
    {
        Format = Format,
        Meshes = [.. Meshes.Select(m => new PackageMesh { Name = m.Name })],
        Materials = Materials,
        Textures = [.. Textures.Select(t => new PackageTexture { Width = t.Width, Height = t.Height, WrapS = t.WrapS, WrapT = t.WrapT })],
        Nodes = Nodes,
        Instances = Instances,
        Channels = Channels,
        Cameras = Cameras,
        Lights = Lights,
        Spheres = Spheres,
        Background = Background,
        FramesPerSecond = FramesPerSecond,
        Warnings = Warnings,
        Source = Source,
    };
}
