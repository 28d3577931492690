using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>A punctual light: in its node's space inside a package, in world space inside a frame.</summary>
/// <remarks>Intensity is taken as render units: 1 cd is a radiant intensity of 1, 1 lux an irradiance of 1.</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct PunctualLight
{
    /// <summary>Position (point and spot).</summary>
    public Float3 Position;

    /// <summary>Kind of light.</summary>
    public LightKind Kind;

    /// <summary>Unit direction the light shines towards (spot and directional).</summary>
    public Float3 Direction;

    /// <summary>Node the light hangs from (package only; −1 in a frame).</summary>
    public int Node;

    /// <summary>Colour times intensity.</summary>
    public Float3 Intensity;

    /// <summary>Cosine of the spot's inner cone angle.</summary>
    public float CosInner;

    /// <summary>Cosine of the spot's outer cone angle.</summary>
    public float CosOuter;
}
