using Pictor.Rendering.Devices;

namespace Pictor.Rendering.Tests;

public sealed class BackendAgreementTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void IlgpuKernel_OnCpuAccelerator_MatchesManagedPathBitForBit()
    {
        // The ILGPU kernel and the managed CPU path share NaivePathTracer; on the CPU both run IEEE float code,
        // so they must agree exactly. A drift here means the kernel and the managed path have diverged.
        using var catalog = new DeviceCatalog();
        var managed = catalog.Open(DeviceSelection.Parse("cpu:1", 1))[0];
        var kernel = catalog.Open(DeviceSelection.Parse("ilgpu-cpu", 1))[0];
        var frame = FrameParameters.Create(48, 40, 8, seed: 11, frame: 2);
        Assert.Equal(LocalRenderer.RenderFrame(managed, frame).Pixels, LocalRenderer.RenderFrame(kernel, frame).Pixels);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ManagedDevice_ThreadCount_DoesNotChangeTheImage()
    {
        var frame = FrameParameters.Create(40, 40, 4, seed: 5, frame: 0);
        using var one = new ManagedCpuDevice("a", 1);
        using var four = new ManagedCpuDevice("b", 4);
        Assert.Equal(LocalRenderer.RenderFrame(one, frame).Pixels, LocalRenderer.RenderFrame(four, frame).Pixels);
    }
}
