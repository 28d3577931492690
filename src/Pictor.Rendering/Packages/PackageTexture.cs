using MessagePack;

namespace Pictor.Rendering.Packages;

/// <summary>A decoded texture: sRGB-encoded RGBA8 texels, row-major from the top.</summary>
[MessagePackObject]
public sealed class PackageTexture
{
    /// <summary>Width in texels.</summary>
    [Key(0)]
    public int Width { get; set; }

    /// <summary>Height in texels.</summary>
    [Key(1)]
    public int Height { get; set; }

    /// <summary>Wrap mode along u (<see cref="Scenes.TextureWrap"/>).</summary>
    [Key(2)]
    public int WrapS { get; set; }

    /// <summary>Wrap mode along v (<see cref="Scenes.TextureWrap"/>).</summary>
    [Key(3)]
    public int WrapT { get; set; }

    /// <summary>Width × height × 4 bytes.</summary>
    [Key(4)]
    public byte[] Rgba { get; set; } = [];
}
