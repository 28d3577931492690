using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;

namespace Pictor.Rendering.Tests;

/// <summary>Behaviour every render device must show; one subclass per backend available on every machine.</summary>
public abstract class RenderDeviceTests : IDisposable
{
    private readonly DeviceCatalog _catalog = new();

    protected RenderDeviceTests()
    {
        Device = Open(_catalog);
    }

    protected IRenderDevice Device { get; }

    protected abstract IRenderDevice Open(DeviceCatalog catalog);

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(16)]
    [InlineData(23)]
    [InlineData(64)]
    public void Render_TiledFrame_IsBitIdenticalToWholeFrame(int tile)
    {
        var frame = FrameParameters.Create(96, 72, 4, seed: 7, frame: 3);
        var whole = LocalRenderer.RenderFrame(Device, frame);
        var tiled = new FrameBuffer(frame.Width, frame.Height);
        for (int y = 0; y < frame.Height; y += tile)
        {
            for (int x = 0; x < frame.Width; x += tile)
            {
                var rect = new PixelRect(x, y, Math.Min(tile, frame.Width - x), Math.Min(tile, frame.Height - y));
                var rgb = new float[rect.FloatCount];
                Device.Render(frame, rect, rgb);
                tiled.Blit(rect, rgb);
            }
        }

        Assert.Equal(whole.Pixels, tiled.Pixels);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Render_CornellSpheres_HasTheAnchorsMeanBrightness()
    {
        // The anchors report a mean of ≈0.1344 for a converged image; 128² at 64 spp lands within a few percent.
        var image = LocalRenderer.RenderFrame(Device, FrameParameters.Create(128, 128, 64, seed: 0, frame: 0));
        Assert.InRange(image.Mean(), 0.125, 0.145);
        Assert.All(image.Pixels, v => Assert.True(float.IsFinite(v) && v >= 0f));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Render_DifferentSeedOrFrame_ChangesTheNoiseButSameSeedRepeats()
    {
        var a = LocalRenderer.RenderFrame(Device, FrameParameters.Create(32, 32, 2, seed: 1, frame: 0));
        var again = LocalRenderer.RenderFrame(Device, FrameParameters.Create(32, 32, 2, seed: 1, frame: 0));
        var otherSeed = LocalRenderer.RenderFrame(Device, FrameParameters.Create(32, 32, 2, seed: 2, frame: 0));
        var otherFrame = LocalRenderer.RenderFrame(Device, FrameParameters.Create(32, 32, 2, seed: 1, frame: 1));
        Assert.Equal(a.Pixels, again.Pixels);
        Assert.NotEqual(a.Pixels, otherSeed.Pixels);
        Assert.NotEqual(a.Pixels, otherFrame.Pixels);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Render_RectOutsideFrame_Throws()
    {
        var frame = FrameParameters.Create(32, 32, 1, 0, 0);
        var rgb = new float[16 * 16 * 3];
        Assert.Throws<ArgumentOutOfRangeException>(() => Device.Render(frame, new PixelRect(24, 24, 16, 16), rgb));
        Assert.Throws<ArgumentException>(() => Device.Render(frame, new PixelRect(0, 0, 16, 16), new float[10]));
    }

    public void Dispose()
    {
        _catalog.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class ManagedCpuDeviceTests : RenderDeviceTests
{
    protected override IRenderDevice Open(DeviceCatalog catalog) => catalog.Open(DeviceSelection.Parse("cpu:1", 1))[0];
}

public sealed class IlgpuCpuDeviceTests : RenderDeviceTests
{
    protected override IRenderDevice Open(DeviceCatalog catalog) => catalog.Open(DeviceSelection.Parse("ilgpu-cpu", 1))[0];
}
