using MessagePack;

namespace Pictor.Rendering.Packages;

/// <summary>A perspective camera hanging from a node (looking down the node's −z, +y up).</summary>
[MessagePackObject]
public sealed class PackageCamera
{
    /// <summary>Camera name (or its node's name when the camera has none).</summary>
    [Key(0)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The node, or −1 for a camera given in world space by <see cref="Eye"/> and friends.</summary>
    [Key(1)]
    public int Node { get; set; } = -1;

    /// <summary>Tangent of half the vertical field of view.</summary>
    [Key(2)]
    public float TanHalfFovY { get; set; }

    /// <summary>Width over height fixed by the scene, or 0 to follow the image.</summary>
    [Key(3)]
    public float Aspect { get; set; }

    /// <summary>World-space eye when <see cref="Node"/> is −1.</summary>
    [Key(4)]
    public float[] Eye { get; set; } = [0f, 0f, 0f];

    /// <summary>World-space target point when <see cref="Node"/> is −1.</summary>
    [Key(5)]
    public float[] Target { get; set; } = [0f, 0f, -1f];
}
