namespace Pictor.Rendering.Scenes;

/// <summary>Switches of a <see cref="MaterialData"/>.</summary>
[Flags]
public enum MaterialFlags
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Emits from both faces (glTF doubleSided).</summary>
    DoubleSided = 1,

    /// <summary>No specular layer on the dielectric base: pure Lambert (the built-in scenes' walls).</summary>
    NoSpecular = 2,

    /// <summary><see cref="MaterialData.MetallicRoughnessTexture"/> is set: its blue channel scales metalness, its green
    /// channel roughness (glTF's metallicRoughnessTexture, linear).</summary>
    MetallicRoughnessTexture = 4,

    /// <summary><see cref="MaterialData.EmissiveTexture"/> is set: it multiplies <see cref="MaterialData.Emission"/> (sRGB).</summary>
    EmissiveTexture = 8,
}
