using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pictor.Grains.Jobs;

namespace Pictor.Grains.Tests.Jobs;

/// <summary>
/// A stored frame keeps its exact pixels as raw bytes, and a frame stored by an older version (a float array) still
/// reads.
/// </summary>
public sealed class FrameStateTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void Frame_RoundTripsThroughTheStorageSerializerAsRawBytes()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(FrameState).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var pixels = Enumerable.Range(0, 3 * 40 * 30).Select(i => (float)Math.Sin(i) * 3).ToArray();
        pixels[5] = BitConverter.Int32BitsToSingle(0x7FC0_0042);
        var frame = new FrameState { Width = 40, Height = 30, Pixels = pixels };

        byte[] stored = serializer.SerializeToArray(frame);
        var back = serializer.Deserialize<FrameState>(stored)!;

        Assert.Equal((40, 30), (back.Width, back.Height));
        Assert.Equal(pixels.Select(BitConverter.SingleToInt32Bits), back.Pixels.Select(BitConverter.SingleToInt32Bits));
        Assert.InRange(stored.Length, pixels.Length * sizeof(float), (pixels.Length * sizeof(float)) + 64);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void OlderFloatArrayField_StillFillsThePixels_AndAnEmptyOneChangesNothing()
    {
        // The serializer sets fields in id order: the legacy float array (id 2), then the bytes (id 3).
        var legacy = new FrameState { StoredFloats = [1f, 2f, 3f], PixelBytes = [] };
        Assert.Equal([1f, 2f, 3f], legacy.Pixels);

        var current = new FrameState { StoredFloats = [], PixelBytes = BitConverter.GetBytes(4f) };
        Assert.Equal([4f], current.Pixels);
        Assert.Empty(current.StoredFloats);
    }
}
