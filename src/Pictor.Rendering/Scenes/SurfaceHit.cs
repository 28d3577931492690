using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>What a ray hit: distance, geometric normal, material and its colours.</summary>
/// <remarks>A distance of <see cref="Miss"/> or more means nothing was hit.</remarks>
public struct SurfaceHit
{
    /// <summary>Distances at or past this mean the ray escaped.</summary>
    public const float Miss = 1e30f;

    /// <summary>Distance along the ray, in metres.</summary>
    public float Distance;

    /// <summary>Outward unit normal of the surface.</summary>
    public Float3 Normal;

    /// <summary>Which BSDF applies.</summary>
    public MaterialKind Material;

    /// <summary>Reflectance (diffuse albedo, or specular tint).</summary>
    public Float3 Albedo;

    /// <summary>Emitted radiance.</summary>
    public Float3 Emission;
}
