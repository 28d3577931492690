namespace Pictor.Rendering.Kernels;

/// <summary>The nearest hit found so far along a ray.</summary>
public struct HitRecord
{
    /// <summary>Distance along the ray (in units of the ray direction's length).</summary>
    public float T;

    /// <summary>Instance hit, or −1 for a sphere or nothing.</summary>
    public int Instance;

    /// <summary>Triangle index (absolute) or sphere index.</summary>
    public int Primitive;

    /// <summary>Barycentric u of the hit on a triangle.</summary>
    public float U;

    /// <summary>Barycentric v of the hit on a triangle.</summary>
    public float V;
}
