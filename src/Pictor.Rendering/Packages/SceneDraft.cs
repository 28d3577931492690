using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Packages;

/// <summary>A scene as an importer assembles it; <see cref="ScenePackageBuilder"/> turns it into a package.</summary>
public sealed class SceneDraft
{
    /// <summary>Meshes in their own space.</summary>
    public List<MeshDraft> Meshes { get; } = [];

    /// <summary>Materials.</summary>
    public List<MaterialData> Materials { get; } = [];

    /// <summary>Decoded textures.</summary>
    public List<PackageTexture> Textures { get; } = [];

    /// <summary>Nodes, parents before children.</summary>
    public List<PackageNode> Nodes { get; } = [];

    /// <summary>Mesh placements: mesh index and node index (−1 for world space).</summary>
    public List<(int Mesh, int Node)> Instances { get; } = [];

    /// <summary>Animation channels.</summary>
    public List<PackageAnimationChannel> Channels { get; } = [];

    /// <summary>Cameras.</summary>
    public List<PackageCamera> Cameras { get; } = [];

    /// <summary>Punctual lights in node space.</summary>
    public List<PunctualLight> Lights { get; } = [];

    /// <summary>Analytic spheres in world space.</summary>
    public List<SphereData> Spheres { get; } = [];

    /// <summary>Radiance of escaping rays.</summary>
    public Float3 Background { get; set; }

    /// <summary>Frames per second of the animation clock.</summary>
    public float FramesPerSecond { get; set; } = 24f;

    /// <summary>Things the importer could not represent.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Where the scene came from.</summary>
    public string Source { get; set; } = string.Empty;
}
