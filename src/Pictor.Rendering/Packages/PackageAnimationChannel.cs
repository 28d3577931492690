using MessagePack;

namespace Pictor.Rendering.Packages;

/// <summary>Keyframes of one node property (glTF animation channel and sampler).</summary>
[MessagePackObject]
public sealed class PackageAnimationChannel
{
    /// <summary>The animated node.</summary>
    [Key(0)]
    public int Node { get; set; }

    /// <summary>0 translation, 1 rotation, 2 scale.</summary>
    [Key(1)]
    public int Path { get; set; }

    /// <summary>0 step, 1 linear, 2 cubic spline.</summary>
    [Key(2)]
    public int Interpolation { get; set; }

    /// <summary>Key times in seconds, increasing.</summary>
    [Key(3)]
    public float[] Times { get; set; } = [];

    /// <summary>Key values, 3 or 4 floats per key (times 3 for cubic spline: in-tangent, value, out-tangent).</summary>
    [Key(4)]
    public float[] Values { get; set; } = [];
}
