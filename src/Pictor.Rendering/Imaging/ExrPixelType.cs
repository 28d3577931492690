namespace Pictor.Rendering.Imaging;

/// <summary>The sample format of an OpenEXR file's channels.</summary>
public enum ExrPixelType
{
    /// <summary>16-bit floating point (OpenEXR HALF).</summary>
    Half = 1,

    /// <summary>32-bit floating point (OpenEXR FLOAT).</summary>
    Float = 2,
}
