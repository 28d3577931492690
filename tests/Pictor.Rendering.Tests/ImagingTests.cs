using System.Buffers.Binary;
using System.Text;
using Pictor.Rendering.Imaging;

namespace Pictor.Rendering.Tests;

public sealed class ImagingTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void Pfm_EncodeThenDecode_RoundTripsExactlyAndStoresRowsBottomUp()
    {
        var frame = new FrameBuffer(3, 2);
        for (int i = 0; i < frame.Pixels.Length; i++)
        {
            frame.Pixels[i] = (i * 0.37f) - 1.5f;
        }

        byte[] bytes = PfmEncoder.Encode(frame);
        Assert.StartsWith("PF\n3 2\n-1.0\n", Encoding.ASCII.GetString(bytes, 0, 12), StringComparison.Ordinal);
        // The first stored row is the bottom row (y = 1): its first float is pixel (0,1) red.
        Assert.Equal(frame.Pixels[9], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(12, 4)));
        Assert.Equal(frame.Pixels, PfmEncoder.Decode(bytes).Pixels);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Pfm_TruncatedOrWrongMagic_IsRejected()
    {
        byte[] bytes = PfmEncoder.Encode(new FrameBuffer(4, 4));
        Assert.Throws<FormatException>(() => PfmEncoder.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => PfmEncoder.Decode("P6\n1 1\n255\n\0\0\0"u8));
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(0f, 0)]
    [InlineData(-3f, 0)]
    [InlineData(float.NaN, 0)]
    [InlineData(1f, 255)]
    [InlineData(17f, 255)]
    [InlineData(0.5f, 188)]
    [InlineData(0.0031308f, 10)]
    [InlineData(0.22f, 129)]
    public void ToSrgb8_AppliesTheSrgbCurveAndClamps(float linear, int expected)
    {
        Assert.Equal(expected, PngEncoder.ToSrgb8(linear));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Png_Encode_WritesSignatureAndSize()
    {
        byte[] png = PngEncoder.Encode(new FrameBuffer(7, 5));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void FrameFiles_UnknownExtension_IsRejectedAndWritesNothing()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pictor-{Guid.NewGuid():N}.jpg");
        var ex = Assert.Throws<ArgumentException>(() => FrameFiles.Write(path, new FrameBuffer(2, 2)));
        Assert.Contains(".png", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Blit_WrongSizeOrOutside_Throws()
    {
        var frame = new FrameBuffer(8, 8);
        Assert.Throws<ArgumentException>(() => frame.Blit(new PixelRect(0, 0, 2, 2), new float[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => frame.Blit(new PixelRect(7, 7, 2, 2), new float[12]));
    }
}
