using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;
using Pictor.Rendering.Kernels;

namespace Pictor.Rendering.Tests;

/// <summary>The 8-wide packet tracer must reproduce the scalar kernel code bit for bit, for any tiling and span split.</summary>
public sealed class PacketPathTracerTests
{
    public static TheoryData<int, int, int, uint, int> Frames => new()
    {
        // width, height, spp, seed, frame: odd sizes leave partial packets; spp 1 retires a lane's pixel every path.
        { 48, 40, 8, 11u, 2 },
        { 37, 19, 1, 3u, 0 },
        { 64, 64, 16, 0u, 0 },
        { 13, 7, 33, 99u, 5 },
    };

    [Theory]
    [Trait("Suite", "fast")]
    [MemberData(nameof(Frames))]
    public void PacketDevice_AnyFrame_MatchesScalarKernelCodeBitForBit(int width, int height, int spp, uint seed, int frameNumber)
    {
        if (!PacketPathTracer.IsSupported)
        {
            return; // xunit 2 has no dynamic skip; without AVX2 the device uses the scalar path, covered elsewhere.
        }

        var frame = FrameParameters.Create(width, height, spp, seed, frameNumber);
        using var scalar = new ManagedCpuDevice("scalar", 2, packets: false);
        using var packets = new ManagedCpuDevice("packets", 2, packets: true);
        Assert.Equal(ScalarReference(frame), LocalRenderer.RenderFrame(scalar, frame).Pixels);
        Assert.Equal(ScalarReference(frame), LocalRenderer.RenderFrame(packets, frame).Pixels);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void RenderSpan_ArbitrarySplits_AreBitIdenticalToOneSpan()
    {
        if (!PacketPathTracer.IsSupported)
        {
            return; // xunit 2 has no dynamic skip; without AVX2 the device uses the scalar path, covered elsewhere.
        }

        var frame = FrameParameters.Create(50, 30, 4, seed: 21, frame: 1);
        var rect = new PixelRect(3, 5, 41, 22);
        var whole = new float[rect.FloatCount];
        PacketPathTracer.RenderSpan(frame, rect, 0, rect.PixelCount, whole);
        var split = new float[rect.FloatCount];
        int first = 0;
        foreach (int count in new[] { 1, 7, 8, 9, 100, 3, 64 })
        {
            PacketPathTracer.RenderSpan(frame, rect, first, count, split);
            first += count;
        }

        PacketPathTracer.RenderSpan(frame, rect, first, rect.PixelCount - first, split);
        Assert.Equal(whole, split);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void PacketDevice_ThreadCountAndTiling_DoNotChangeTheImage(int threads)
    {
        if (!PacketPathTracer.IsSupported)
        {
            return; // xunit 2 has no dynamic skip; without AVX2 the device uses the scalar path, covered elsewhere.
        }

        var frame = FrameParameters.Create(72, 56, 3, seed: 4, frame: 9);
        using var reference = new ManagedCpuDevice("ref", 1, packets: false);
        using var device = new ManagedCpuDevice("dev", threads, packets: true);
        var expected = LocalRenderer.RenderFrame(reference, frame).Pixels;
        var tiled = new FrameBuffer(frame.Width, frame.Height);
        foreach (var rect in new[] { new PixelRect(0, 0, 31, 56), new PixelRect(31, 0, 41, 17), new PixelRect(31, 17, 41, 39) })
        {
            var rgb = new float[rect.FloatCount];
            device.Render(frame, rect, rgb);
            tiled.Blit(rect, rgb);
        }

        Assert.Equal(expected, tiled.Pixels);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void DefaultManagedDevice_OnAvx2Cpu_UsesPackets()
    {
        using var device = new ManagedCpuDevice("cpu", 1);
        Assert.Equal(PacketPathTracer.IsSupported, device.UsesPackets);
    }

    private static float[] ScalarReference(in FrameParameters frame)
    {
        var pixels = new float[frame.Width * frame.Height * 3];
        for (int y = 0; y < frame.Height; y++)
        {
            for (int x = 0; x < frame.Width; x++)
            {
                var c = NaivePathTracer.RenderPixel(frame, x, y);
                int o = ((y * frame.Width) + x) * 3;
                pixels[o] = c.X;
                pixels[o + 1] = c.Y;
                pixels[o + 2] = c.Z;
            }
        }

        return pixels;
    }
}
