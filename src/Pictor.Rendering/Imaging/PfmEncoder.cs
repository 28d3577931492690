using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Pictor.Rendering.Imaging;

/// <summary>Portable Float Map (PFM) encoding: linear RGB float32, little-endian, rows bottom to top.</summary>
public static class PfmEncoder
{
    /// <summary>Encodes a frame as colour PFM.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Encode(FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"PF\n{frame.Width} {frame.Height}\n-1.0\n"));
        int rowFloats = frame.Width * 3;
        var bytes = new byte[header.Length + (frame.Pixels.Length * 4)];
        header.CopyTo(bytes, 0);
        int offset = header.Length;
        for (int y = frame.Height - 1; y >= 0; y--)
        {
            var row = frame.Pixels.AsSpan(y * rowFloats, rowFloats);
            foreach (float v in row)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset, 4), v);
                offset += 4;
            }
        }

        return bytes;
    }

    /// <summary>Decodes a colour PFM written by <see cref="Encode"/> or any little-endian PFM writer.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="FormatException">The bytes are not a colour little-endian PFM.</exception>
    public static FrameBuffer Decode(ReadOnlySpan<byte> bytes)
    {
        int pos = 0;
        string magic = ReadToken(bytes, ref pos);
        if (magic != "PF")
        {
            throw new FormatException($"Not a colour PFM (magic '{magic}').");
        }

        int width = int.Parse(ReadToken(bytes, ref pos), CultureInfo.InvariantCulture);
        int height = int.Parse(ReadToken(bytes, ref pos), CultureInfo.InvariantCulture);
        float scale = float.Parse(ReadToken(bytes, ref pos), CultureInfo.InvariantCulture);
        if (scale >= 0)
        {
            throw new FormatException("Big-endian PFM is not supported.");
        }

        pos++;
        var frame = new FrameBuffer(width, height);
        int rowFloats = width * 3;
        if (bytes.Length - pos < frame.Pixels.Length * 4)
        {
            throw new FormatException("PFM is truncated.");
        }

        for (int y = height - 1; y >= 0; y--)
        {
            for (int i = 0; i < rowFloats; i++)
            {
                frame.Pixels[(y * rowFloats) + i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(pos, 4));
                pos += 4;
            }
        }

        return frame;
    }

    private static string ReadToken(ReadOnlySpan<byte> bytes, ref int pos)
    {
        while (pos < bytes.Length && char.IsWhiteSpace((char)bytes[pos]))
        {
            pos++;
        }

        int start = pos;
        while (pos < bytes.Length && !char.IsWhiteSpace((char)bytes[pos]))
        {
            pos++;
        }

        return Encoding.ASCII.GetString(bytes[start..pos]);
    }
}
