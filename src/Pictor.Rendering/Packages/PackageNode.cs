using MessagePack;

namespace Pictor.Rendering.Packages;

/// <summary>A node of the hierarchy with its rest transform (translation, rotation quaternion, scale).</summary>
[MessagePackObject]
public sealed class PackageNode
{
    /// <summary>Name, for cameras picked by name and messages.</summary>
    [Key(0)]
    public string Name { get; set; } = string.Empty;

    /// <summary>Index of the parent node, or −1 for a root; always less than this node's index.</summary>
    [Key(1)]
    public int Parent { get; set; } = -1;

    /// <summary>Translation (x, y, z).</summary>
    [Key(2)]
    public float[] Translation { get; set; } = [0f, 0f, 0f];

    /// <summary>Rotation quaternion (x, y, z, w).</summary>
    [Key(3)]
    public float[] Rotation { get; set; } = [0f, 0f, 0f, 1f];

    /// <summary>Scale (x, y, z).</summary>
    [Key(4)]
    public float[] Scale { get; set; } = [1f, 1f, 1f];
}
