namespace Pictor.Rendering.Imaging;

/// <summary>Writes frames to files, choosing the format from the extension.</summary>
public static class FrameFiles
{
    /// <summary>The extensions <see cref="Write"/> understands.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".pfm", ".exr"];

    /// <summary>Encodes a frame in the format its file name asks for.</summary>
    /// <param name="path">A file name ending in .png (sRGB, 8-bit), .pfm or .exr (linear float).</param>
    /// <param name="frame">The frame.</param>
    /// <returns>The encoded bytes.</returns>
    /// <exception cref="ArgumentException">The extension is not supported.</exception>
    public static byte[] Encode(string path, FrameBuffer frame)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".png" => PngEncoder.Encode(frame),
            ".pfm" => PfmEncoder.Encode(frame),
            ".exr" => ExrEncoder.Encode(frame, ExrPixelType.Float),
            _ =>
                throw new ArgumentException($"Cannot write '{path}': the extension must be one of " +
                    $"{string.Join(", ", Extensions)}.", nameof(path)),
        };
    }

    /// <summary>Writes a frame atomically (a temp file then a rename), creating the directory.</summary>
    /// <param name="path">A file name ending in .png (sRGB, 8-bit), .pfm or .exr (linear float).</param>
    /// <param name="frame">The frame.</param>
    public static void Write(string path, FrameBuffer frame)
    {
        byte[] bytes = Encode(path, frame);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, full, overwrite: true);
    }
}
