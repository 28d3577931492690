namespace Pictor.Rendering.Devices;

/// <summary>Argument checks shared by every device.</summary>
internal static class RenderGuards
{
    public static void Check(in FrameParameters frame, PixelRect rect, int outputLength)
    {
        if (frame.Width <= 0 || frame.Height <= 0 || frame.SamplesPerPixel <= 0)
        {
            throw new ArgumentException($"Frame {frame.Width}x{frame.Height} at {frame.SamplesPerPixel} spp is " +
                $"not renderable.", nameof(frame));
        }

        if (!rect.FitsIn(frame.Width, frame.Height))
        {
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} does not lie inside a {frame.Width}x{frame.Height} frame.");
        }

        if (outputLength < rect.FloatCount)
        {
            throw new ArgumentException($"Output holds {outputLength} floats; {rect.FloatCount} needed.", nameof(outputLength));
        }
    }
}
