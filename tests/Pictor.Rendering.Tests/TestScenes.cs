using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Tests;

/// <summary>Builds frame scenes for tests.</summary>
internal static class TestScenes
{
    public static FrameScene Frame(SceneDraft draft, RenderSettings? settings = null, int frame = 0)
    {
        var package = ScenePackageBuilder.Build(draft, out _);
        return FrameScene.Create(SceneGeometry.FromPackage(package), frame, settings ?? new RenderSettings());
    }

    public static float[] Render(Devices.IRenderDevice device, FrameScene scene, FrameParameters frame)
    {
        var rgb = new float[frame.Width * frame.Height * 3];
        device.Render(scene, frame, new PixelRect(0, 0, frame.Width, frame.Height), rgb);
        return rgb;
    }

    public static double Mean(float[] rgb) => rgb.Average(v => (double)v);
}
