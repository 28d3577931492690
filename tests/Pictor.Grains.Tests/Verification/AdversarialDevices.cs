using System.Collections.Concurrent;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Scenes;

namespace Pictor.Grains.Tests.Verification;

/// <summary>Render devices of dishonest workers: each reports the same backend as honest CPU slots, so checks are exact.</summary>
internal abstract class AdversarialDevice(string id) : IRenderDevice
{
    private readonly ManagedCpuDevice _honest = new(id + "-honest", 1);

    public DeviceInfo Info { get; } = new(id, DeviceKind.Cpu, "adversary", 8L << 30, 1);

    /// <summary>Tiles this device answered wrongly, as (frame key, x, y).</summary>
    public ConcurrentBag<(uint FrameKey, int X, int Y)> BadTiles { get; } = [];

    public int Renders;

    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        int n = Interlocked.Increment(ref Renders);
        if (Cheat(frame, rect, rgb, n))
        {
            BadTiles.Add((frame.FrameKey, rect.X, rect.Y));
        }
    }

    public void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb) =>
        throw new NotSupportedException("the adversaries only cheat on built-in scenes");

    /// <summary>Fills <paramref name="rgb"/>; returns true when the answer is wrong.</summary>
    protected abstract bool Cheat(in FrameParameters frame, PixelRect rect, Span<float> rgb, int renderNumber);

    protected void Honest(in FrameParameters frame, PixelRect rect, Span<float> rgb) => _honest.Render(frame, rect, rgb);

    public void Dispose() => _honest.Dispose();
}

/// <summary>Returns black.</summary>
internal sealed class BlankDevice() : AdversarialDevice("blank")
{
    protected override bool Cheat(in FrameParameters frame, PixelRect rect, Span<float> rgb, int renderNumber)
    {
        rgb[..rect.FloatCount].Clear();
        return true;
    }
}

/// <summary>Renders one sample per pixel instead of the spp asked.</summary>
internal sealed class OneSppDevice() : AdversarialDevice("one-spp")
{
    protected override bool Cheat(in FrameParameters frame, PixelRect rect, Span<float> rgb, int renderNumber)
    {
        Honest(frame with { SamplesPerPixel = 1 }, rect, rgb);
        return frame.SamplesPerPixel != 1;
    }
}

/// <summary>Returns the pixels of the top-left tile for every tile of the same size.</summary>
internal sealed class CopyDevice() : AdversarialDevice("copier")
{
    protected override bool Cheat(in FrameParameters frame, PixelRect rect, Span<float> rgb, int renderNumber)
    {
        Honest(frame, rect with { X = 0, Y = 0 }, rgb);
        return rect.X != 0 || rect.Y != 0;
    }
}

/// <summary>Returns a plausible image of another job (another seed).</summary>
internal sealed class ForeignDevice() : AdversarialDevice("foreign")
{
    protected override bool Cheat(in FrameParameters frame, PixelRect rect, Span<float> rgb, int renderNumber)
    {
        Honest(frame with { FrameKey = frame.FrameKey ^ 0x5bd1e995u }, rect, rgb);
        return true;
    }
}

/// <summary>Honest for its first 50 tiles, then answers black.</summary>
internal sealed class TurncoatDevice() : AdversarialDevice("turncoat")
{
    public const int HonestTiles = 50;

    protected override bool Cheat(in FrameParameters frame, PixelRect rect, Span<float> rgb, int renderNumber)
    {
        if (renderNumber <= HonestTiles)
        {
            Honest(frame, rect, rgb);
            return false;
        }

        rgb[..rect.FloatCount].Clear();
        return true;
    }
}
