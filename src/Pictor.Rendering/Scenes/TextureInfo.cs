using System.Runtime.InteropServices;

namespace Pictor.Rendering.Scenes;

/// <summary>Where a texture's RGBA8 texels lie in the scene's texel array, its size and wrap modes.</summary>
/// <param name="Offset">Index of the first texel.</param>
/// <param name="Width">Width in texels.</param>
/// <param name="Height">Height in texels.</param>
/// <param name="WrapS">Wrap mode along u.</param>
/// <param name="WrapT">Wrap mode along v.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TextureInfo(int Offset, int Width, int Height, TextureWrap WrapS, TextureWrap WrapT);
