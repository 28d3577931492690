using System.Collections.Concurrent;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Scenes;

namespace Pictor.Grains.Tests.Verification;

/// <summary>Render devices of dishonest workers: each reports the same backend as honest CPU slots, so checks are exact.</summary>
/// <remarks>
/// A unit whose tiles fill a rectangle is rendered in one call: the tests' jobs use <see cref="TileSize"/>-pixel tiles, so a
/// wrong call is counted as wrong on every tile it covers.
/// </remarks>
internal abstract class AdversarialDevice(string id) : IRenderDevice
{
    /// <summary>The tile size of the tests' jobs.</summary>
    public const int TileSize = 16;

    private readonly ManagedCpuDevice _honest = new(id + "-honest", 1);

    public DeviceInfo Info { get; } = new(id, DeviceKind.Cpu, "adversary", 8L << 30, 1);

    /// <summary>Tiles this device answered wrongly, as (frame key, x, y).</summary>
    public ConcurrentBag<(uint FrameKey, int X, int Y)> BadTiles { get; } = [];

    /// <summary>Tiles rendered so far (a call over a rectangle of tiles counts each).</summary>
    public int Renders;

    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        int tiles = ((rect.Width + TileSize - 1) / TileSize) * ((rect.Height + TileSize - 1) / TileSize);
        int n = Interlocked.Add(ref Renders, tiles) - tiles + 1;
        if (Cheat(frame, rect, rgb, n))
        {
            for (int y = rect.Y; y < rect.Y + rect.Height; y += TileSize)
            {
                for (int x = rect.X; x < rect.X + rect.Width; x += TileSize)
                {
                    BadTiles.Add((frame.FrameKey, x, y));
                }
            }
        }
    }

    public void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb) =>
        throw new NotSupportedException("the adversaries only cheat on built-in scenes");

    /// <summary>Fills <paramref name="rgb"/>; returns true when the answer is wrong.</summary>
    /// <remarks><paramref name="renderNumber"/> counts tiles: the first tile of this call is the device's n-th.</remarks>
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
