using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Kernels;

/// <summary>Everything the BSDF needs at one shading point, with normals turned to the side the ray came from.</summary>
public struct SurfaceShading
{
    /// <summary>Geometric normal on the incoming side.</summary>
    public Float3 GeometricNormal;

    /// <summary>Shading normal on the incoming side.</summary>
    public Float3 Normal;

    /// <summary>Tangent of the shading frame.</summary>
    public Float3 Tangent;

    /// <summary>Bitangent of the shading frame.</summary>
    public Float3 Bitangent;

    /// <summary>Base colour after the texture.</summary>
    public Float3 BaseColor;

    /// <summary>Metalness.</summary>
    public float Metallic;

    /// <summary>GGX α (perceptual roughness squared).</summary>
    public float Alpha;

    /// <summary>Transmission weight of the dielectric base.</summary>
    public float Transmission;

    /// <summary>Index of refraction on the incoming side.</summary>
    public float EtaOutside;

    /// <summary>Index of refraction on the far side.</summary>
    public float EtaInside;

    /// <summary>1 when the dielectric has a specular layer, 0 for pure Lambert.</summary>
    public float Specular;

    /// <summary>Whether the microfacet lobes are so smooth they are treated as perfect mirror and refraction.</summary>
    public bool Delta;

    /// <summary>Probability of sampling the reflection lobe.</summary>
    public float ProbabilityReflect;

    /// <summary>Probability of sampling the diffuse lobe.</summary>
    public float ProbabilityDiffuse;

    /// <summary>Probability of sampling the transmission lobe.</summary>
    public float ProbabilityTransmit;
}
