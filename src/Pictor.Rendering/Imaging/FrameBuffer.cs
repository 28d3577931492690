namespace Pictor.Rendering.Imaging;

/// <summary>A whole frame of linear RGB floats, row-major from the top-left.</summary>
public sealed class FrameBuffer
{
    /// <summary>Creates a black frame.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public FrameBuffer(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new float[checked(width * height * 3)];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Linear RGB floats, three per pixel.</summary>
    public float[] Pixels { get; }

    /// <summary>Copies a rendered rectangle into the frame.</summary>
    /// <param name="rect">Where the rectangle lies.</param>
    /// <param name="rgb">Its pixels, row-major, <see cref="PixelRect.FloatCount"/> floats.</param>
    public void Blit(PixelRect rect, ReadOnlySpan<float> rgb)
    {
        if (!rect.FitsIn(Width, Height))
        {
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} does not lie inside a {Width}x{Height} frame.");
        }

        if (rgb.Length != rect.FloatCount)
        {
            throw new ArgumentException($"A {rect.Width}x{rect.Height} rectangle needs {rect.FloatCount} floats, " +
                $"not {rgb.Length}.", nameof(rgb));
        }

        int rowFloats = rect.Width * 3;
        for (int row = 0; row < rect.Height; row++)
        {
            rgb.Slice(row * rowFloats, rowFloats).CopyTo(Pixels.AsSpan((((rect.Y + row) * Width) + rect.X) * 3, rowFloats));
        }
    }

    /// <summary>The mean of all channels of all pixels (≈0.1344 for a converged cornell-spheres).</summary>
    /// <returns>The mean value.</returns>
    public double Mean()
    {
        double sum = 0;
        foreach (float v in Pixels)
        {
            sum += v;
        }

        return sum / Pixels.Length;
    }
}
