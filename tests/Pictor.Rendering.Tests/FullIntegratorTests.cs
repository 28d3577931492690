using Pictor.Rendering.Devices;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Tests;

public sealed class FullIntegratorTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void CornellSpheres_FullAndNaiveOnTriangles_ConvergeToTheAnchorsMean()
    {
        using var device = new ManagedCpuDevice("t", 2);
        var frame = FrameParameters.Create(64, 64, 64, seed: 3, frame: 0);
        var full = TestScenes.Mean(TestScenes.Render(device, TestScenes.Frame(CornellSpheresDraft.Create()), frame));
        var naive = TestScenes.Mean(
            TestScenes.Render(device, TestScenes.Frame(CornellSpheresDraft.Create(), new RenderSettings(Integrator.Naive)), frame));
        Assert.InRange(full, 0.128, 0.141);
        Assert.InRange(naive, 0.125, 0.144);
    }
}
