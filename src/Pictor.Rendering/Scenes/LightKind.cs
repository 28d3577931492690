namespace Pictor.Rendering.Scenes;

/// <summary>The kinds of KHR_lights_punctual lights.</summary>
public enum LightKind
{
    /// <summary>Emits in all directions from a point; intensity in candela.</summary>
    Point = 0,

    /// <summary>A point light limited to a cone with a smooth edge.</summary>
    Spot = 1,

    /// <summary>Parallel light from infinitely far away; intensity in lux.</summary>
    Directional = 2,
}
