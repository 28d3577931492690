namespace Pictor.Rendering.Scenes;

/// <summary>How texture coordinates outside [0, 1] are folded back.</summary>
public enum TextureWrap
{
    /// <summary>Tile (glTF REPEAT, the default).</summary>
    Repeat = 0,

    /// <summary>Clamp to the edge texel.</summary>
    Clamp = 1,

    /// <summary>Tile with every other copy mirrored.</summary>
    Mirror = 2,
}
