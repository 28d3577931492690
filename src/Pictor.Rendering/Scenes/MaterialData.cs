using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>A glTF metallic-roughness material as the kernels read it.</summary>
/// <remarks>
/// Base colour and factors multiply the base colour texture where one is set. <see cref="Emission"/> is already
/// multiplied by <c>KHR_materials_emissive_strength</c>. <see cref="Transmission"/> and <see cref="Ior"/> come from
/// <c>KHR_materials_transmission</c> and <c>KHR_materials_ior</c>.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct MaterialData
{
    /// <summary>Linear base colour factor.</summary>
    public Float3 BaseColor;

    /// <summary>Metalness in [0, 1].</summary>
    public float Metallic;

    /// <summary>Perceptual roughness in [0, 1]; the GGX α is its square.</summary>
    public float Roughness;

    /// <summary>Fraction of the dielectric base that is transmitted rather than diffusely reflected, in [0, 1].</summary>
    public float Transmission;

    /// <summary>Index of refraction of the dielectric (1.5 by default).</summary>
    public float Ior;

    /// <summary>Emitted radiance.</summary>
    public Float3 Emission;

    /// <summary>Index of the base colour texture, or −1.</summary>
    public int BaseColorTexture;

    /// <summary>Flags.</summary>
    public MaterialFlags Flags;

    /// <summary>
    /// Index of the metallic-roughness texture; read only when <see cref="MaterialFlags.MetallicRoughnessTexture"/> is
    /// set.
    /// </summary>
    public int MetallicRoughnessTexture;

    /// <summary>Index of the emissive texture; read only when <see cref="MaterialFlags.EmissiveTexture"/> is set.</summary>
    public int EmissiveTexture;

    /// <summary>The material glTF prescribes where a primitive names none: every property at its default.</summary>
    /// <returns>Base colour 1, metallic 1, roughness 1, IOR 1.5, no emission.</returns>
    public static MaterialData GltfDefault() => new()
    {
        BaseColor = Float3.One,
        Metallic = 1f,
        Roughness = 1f,
        Transmission = 0f,
        Ior = 1.5f,
        Emission = Float3.Zero,
        BaseColorTexture = -1,
        Flags = MaterialFlags.None,
    };

    /// <summary>A Lambertian surface with no specular layer.</summary>
    /// <param name="albedo">Diffuse reflectance.</param>
    /// <returns>The material.</returns>
    public static MaterialData Lambert(Float3 albedo) => new()
    {
        BaseColor = albedo,
        Metallic = 0f,
        Roughness = 1f,
        Ior = 1.5f,
        BaseColorTexture = -1,
        Flags = MaterialFlags.NoSpecular,
    };
}
