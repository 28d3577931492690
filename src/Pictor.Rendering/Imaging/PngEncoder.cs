using StbImageWriteSharp;

namespace Pictor.Rendering.Imaging;

/// <summary>PNG encoding of a linear frame: clamp, sRGB transfer curve, 8 bits per channel.</summary>
public static class PngEncoder
{
    /// <summary>Encodes a frame as an sRGB PNG.</summary>
    /// <param name="frame">The frame in linear RGB.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] Encode(FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rgb8 = new byte[frame.Pixels.Length];
        for (int i = 0; i < rgb8.Length; i++)
        {
            rgb8[i] = ToSrgb8(frame.Pixels[i]);
        }

        using var stream = new MemoryStream();
        new ImageWriter().WritePng(rgb8, frame.Width, frame.Height, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }

    /// <summary>Converts one linear value to an 8-bit sRGB code.</summary>
    /// <param name="linear">Linear intensity; NaN and negatives map to 0, values over 1 to 255.</param>
    /// <returns>The sRGB code.</returns>
    public static byte ToSrgb8(float linear)
    {
        if (!(linear > 0f))
        {
            return 0;
        }

        if (linear >= 1f)
        {
            return 255;
        }

        double encoded = linear <= 0.0031308 ? 12.92 * linear : (1.055 * Math.Pow(linear, 1 / 2.4)) - 0.055;
        return (byte)Math.Round(encoded * 255.0);
    }
}
