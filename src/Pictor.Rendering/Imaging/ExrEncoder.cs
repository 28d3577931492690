using System.Buffers.Binary;
using System.Text;

namespace Pictor.Rendering.Imaging;

/// <summary>OpenEXR output: single-part scanline files, uncompressed, linear R, G, B channels in half or float.</summary>
/// <remarks>
/// Layout: magic and version, a header of attributes (channels, compression, data and display windows, line order,
/// pixel aspect ratio, screen window), a table with the file offset of every scanline, then one block per scanline:
/// its y, its byte count, and the B, G and R samples of the line (channels are stored in name order).
/// </remarks>
public static class ExrEncoder
{
    private const int Magic = 20000630;
    private const int Version = 2;
    private static readonly string[] ChannelNames = ["B", "G", "R"];

    /// <summary>Encodes a frame.</summary>
    /// <param name="frame">The frame, linear RGB.</param>
    /// <param name="pixelType">Half or float samples.</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Encode(FrameBuffer frame, ExrPixelType pixelType = ExrPixelType.Float)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write(Magic);
        writer.Write(Version);
        WriteAttribute(writer, "channels", "chlist", w =>
        {
            foreach (string name in ChannelNames)
            {
                WriteString(w, name);
                w.Write((int)pixelType);
                w.Write(0);
                w.Write(1);
                w.Write(1);
            }

            w.Write((byte)0);
        });
        WriteAttribute(writer, "compression", "compression", w => w.Write((byte)0));
        WriteAttribute(writer, "dataWindow", "box2i", w => WriteBox(w, frame));
        WriteAttribute(writer, "displayWindow", "box2i", w => WriteBox(w, frame));
        WriteAttribute(writer, "lineOrder", "lineOrder", w => w.Write((byte)0));
        WriteAttribute(writer, "pixelAspectRatio", "float", w => w.Write(1f));
        WriteAttribute(writer, "screenWindowCenter", "v2f", w =>
        {
            w.Write(0f);
            w.Write(0f);
        });
        WriteAttribute(writer, "screenWindowWidth", "float", w => w.Write(1f));
        writer.Write((byte)0);

        int sampleBytes = pixelType == ExrPixelType.Half ? 2 : 4;
        int lineBytes = frame.Width * 3 * sampleBytes;
        long tableStart = stream.Position;
        long firstBlock = tableStart + (8L * frame.Height);
        for (int y = 0; y < frame.Height; y++)
        {
            writer.Write(firstBlock + ((long)y * (8 + lineBytes)));
        }

        var line = new byte[lineBytes];
        for (int y = 0; y < frame.Height; y++)
        {
            writer.Write(y);
            writer.Write(lineBytes);
            for (int c = 0; c < 3; c++)
            {
                int channel = 2 - c;
                for (int x = 0; x < frame.Width; x++)
                {
                    float value = frame.Pixels[(((y * frame.Width) + x) * 3) + channel];
                    int offset = ((c * frame.Width) + x) * sampleBytes;
                    if (pixelType == ExrPixelType.Half)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(line.AsSpan(offset), BitConverter.HalfToUInt16Bits((Half)value));
                    }
                    else
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(line.AsSpan(offset), value);
                    }
                }
            }

            writer.Write(line);
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteAttribute(BinaryWriter writer, string name, string type, Action<BinaryWriter> value)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.ASCII, leaveOpen: true))
        {
            value(w);
        }

        WriteString(writer, name);
        WriteString(writer, type);
        writer.Write((int)buffer.Length);
        writer.Write(buffer.ToArray());
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        writer.Write(Encoding.ASCII.GetBytes(text));
        writer.Write((byte)0);
    }

    private static void WriteBox(BinaryWriter writer, FrameBuffer frame)
    {
        writer.Write(0);
        writer.Write(0);
        writer.Write(frame.Width - 1);
        writer.Write(frame.Height - 1);
    }
}
