namespace Pictor.Rendering.Scenes;

/// <summary>The BSDFs of the analytic scenes.</summary>
public enum MaterialKind
{
    /// <summary>Lambertian diffuse.</summary>
    Diffuse = 0,

    /// <summary>Perfect mirror.</summary>
    Mirror = 1,

    /// <summary>Smooth dielectric (IOR 1.5) with Fresnel–Schlick reflection.</summary>
    Glass = 2,
}
