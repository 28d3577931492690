using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pictor.Contracts.Jobs;

namespace Pictor.Contracts.Tests;

/// <summary>A tile's pixels cross silos as raw bytes: exact to the bit and about four bytes per float.</summary>
public sealed class TileResultWireTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void Result_RoundTripsBitExactly_AtFourBytesAFloat()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(TileRenderResult).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var random = new Random(7);
        var pixels = new float[3 * 64 * 64];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)(random.NextDouble() * 4);
        }

        // Values a careless conversion would change: negative zero, a subnormal, infinity, and a NaN with a payload.
        pixels[0] = -0f;
        pixels[1] = float.Epsilon;
        pixels[2] = float.PositiveInfinity;
        pixels[3] = BitConverter.Int32BitsToSingle(0x7FC0_1234);
        var result = new TileRenderResult("job/0/5", "host/cpu0", "0xabc", "cpu-managed", pixels, 4096 * 16, 0.25);

        byte[] wire = serializer.SerializeToArray(result);
        var back = serializer.Deserialize<TileRenderResult>(wire)!;

        Assert.Equal(pixels.Select(BitConverter.SingleToInt32Bits), back.Pixels.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(
            (result.TileId, result.WorkerId, result.Wallet, result.Backend, result.PixelSamples, result.RenderSeconds, result.Error,
                result.Misplaced),
            (back.TileId, back.WorkerId, back.Wallet, back.Backend, back.PixelSamples, back.RenderSeconds, back.Error, back.Misplaced));
        Assert.InRange(wire.Length, pixels.Length * sizeof(float), (pixels.Length * sizeof(float)) + 256);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void PixelBytes_ThatAreNotWholeFloats_AreRefused()
    {
        var result = new TileRenderResult("job/0/5", "w", string.Empty, "cpu-managed", [], 0, 0);
        Assert.Throws<ArgumentException>(() => result.PixelBytes = [1, 2, 3]);
    }
}
