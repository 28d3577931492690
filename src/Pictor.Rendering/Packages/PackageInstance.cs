using MessagePack;

namespace Pictor.Rendering.Packages;

/// <summary>A mesh placed by a node's world transform, or by the identity for baked static geometry.</summary>
[MessagePackObject]
public sealed class PackageInstance
{
    /// <summary>Index of the mesh.</summary>
    [Key(0)]
    public int Mesh { get; set; }

    /// <summary>Index of the node whose world transform places it, or −1 for the identity.</summary>
    [Key(1)]
    public int Node { get; set; } = -1;
}
