using System.Buffers.Binary;
using System.Text;
using Pictor.Rendering.Imaging;

namespace Pictor.Rendering.Tests;

public sealed class ExrEncoderTests
{
    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(ExrPixelType.Float)]
    [InlineData(ExrPixelType.Half)]
    public void Encode_WritesAScanlineFileThatReadsBack(ExrPixelType type)
    {
        var frame = new FrameBuffer(5, 3);
        for (int i = 0; i < frame.Pixels.Length; i++)
        {
            frame.Pixels[i] = i * 0.25f;
        }

        byte[] bytes = ExrEncoder.Encode(frame, type);
        Assert.Equal(20000630, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        var (attributes, headerEnd) = ReadHeader(bytes);
        Assert.Equal(
            [
                "channels", "compression", "dataWindow", "displayWindow", "lineOrder", "pixelAspectRatio", "screenWindowCenter",
                "screenWindowWidth",
            ],
            attributes.Keys.ToArray());
        Assert.Equal(0, attributes["compression"][0]);
        Assert.Equal([0, 0, 4, 2], Ints(attributes["dataWindow"]));

        var decoded = Decode(bytes, headerEnd, frame.Width, frame.Height, type);
        Assert.Equal(frame.Pixels, decoded);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void FrameFiles_KnowsExr()
    {
        Assert.Contains(".exr", FrameFiles.Extensions);
        Assert.Equal(ExrEncoder.Encode(new FrameBuffer(2, 2)), FrameFiles.Encode("a.EXR", new FrameBuffer(2, 2)));
    }

    private static (Dictionary<string, byte[]> Attributes, int End) ReadHeader(byte[] bytes)
    {
        var attributes = new Dictionary<string, byte[]>();
        int pos = 8;
        while (bytes[pos] != 0)
        {
            string name = ReadString(bytes, ref pos);
            ReadString(bytes, ref pos);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos));
            pos += 4;
            attributes[name] = bytes[pos..(pos + size)];
            pos += size;
        }

        return (attributes, pos + 1);
    }

    private static float[] Decode(byte[] bytes, int tableStart, int width, int height, ExrPixelType type)
    {
        int sample = type == ExrPixelType.Half ? 2 : 4;
        var pixels = new float[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            long offset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(tableStart + (y * 8)));
            Assert.Equal(y, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)offset)));
            Assert.Equal(width * 3 * sample, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)offset + 4)));
            int data = (int)offset + 8;
            for (int c = 0; c < 3; c++)
            {
                for (int x = 0; x < width; x++)
                {
                    int at = data + (((c * width) + x) * sample);
                    float value = sample == 2
                        ? (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)))
                        : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at));
                    pixels[(((y * width) + x) * 3) + (2 - c)] = value;
                }
            }
        }

        return pixels;
    }

    private static string ReadString(byte[] bytes, ref int pos)
    {
        int start = pos;
        while (bytes[pos] != 0)
        {
            pos++;
        }

        pos++;
        return Encoding.ASCII.GetString(bytes, start, pos - start - 1);
    }

    private static int[] Ints(byte[] bytes) =>
        [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4)))];
}
