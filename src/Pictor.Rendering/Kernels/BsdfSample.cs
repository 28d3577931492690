using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Kernels;

/// <summary>A direction drawn from the BSDF and what it carries.</summary>
public struct BsdfSample
{
    /// <summary>The sampled direction (unit, pointing away from the surface).</summary>
    public Float3 Direction;

    /// <summary>BSDF × |cos| / pdf.</summary>
    public Float3 Weight;

    /// <summary>Solid-angle pdf of the whole mixture (0 for a perfectly specular sample).</summary>
    public float Pdf;

    /// <summary>Whether the sample came from a perfectly specular lobe (no MIS, no light sampling).</summary>
    public bool Delta;

    /// <summary>Whether the direction crosses the surface.</summary>
    public bool Transmitted;
}
