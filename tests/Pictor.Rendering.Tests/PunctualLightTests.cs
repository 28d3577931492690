using Pictor.Rendering.Devices;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Tests;

/// <summary>Punctual lights light a Lambert floor as the radiometry says: L = ρ/π · E·cos, with E = I/d² for point lights.</summary>
public sealed class PunctualLightTests
{
    private const float Albedo = 0.5f;

    [Fact]
    [Trait("Suite", "fast")]
    public void DirectionalLight_OnALambertFloor_GivesAlbedoOverPiTimesIlluminance()
    {
        var light = new PunctualLight
        {
            Kind = LightKind.Directional,
            Direction = Float3.Normalize(new Float3(0f, 0f, -1f)),
            Node = -1,
            Intensity = new Float3(2f, 1f, 0.5f),
        };
        var rgb = RenderFloor(light);
        float expected = Albedo / MathF.PI;
        Assert.All(Enumerable.Range(0, rgb.Length / 3), p =>
        {
            Assert.Equal(expected * 2f, rgb[p * 3], 5);
            Assert.Equal(expected * 1f, rgb[(p * 3) + 1], 5);
            Assert.Equal(expected * 0.5f, rgb[(p * 3) + 2], 5);
        });
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void PointLight_OverTheCentre_FallsOffWithTheInverseSquareAndCosine()
    {
        var light = new PunctualLight
        {
            Kind = LightKind.Point,
            Position = new Float3(0f, 0f, 2f),
            Node = -1,
            Intensity = new Float3(8f, 8f, 8f),
        };
        var rgb = RenderFloor(light);

        // The camera looks straight down from z = 4 with tan(fov/2) = 0.25; samples jitter over each pixel, so its value is
        // the centre's within a few percent.
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                float px = ((x + 0.5f) / 8f - 0.5f) * 2f * 0.25f * 4f;
                float py = (0.5f - ((y + 0.5f) / 8f)) * 2f * 0.25f * 4f;
                float d2 = (px * px) + (py * py) + 4f;
                float expected = Albedo / MathF.PI * 8f * (2f / MathF.Sqrt(d2)) / d2;
                Assert.InRange(rgb[((y * 8) + x) * 3], expected * 0.95f, expected * 1.05f);
            }
        }
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void SpotLight_IsDarkOutsideItsOuterCone()
    {
        var light = new PunctualLight
        {
            Kind = LightKind.Spot, Position = new Float3(0f, 0f, 2f), Direction = new Float3(0f, 0f, -1f), Node = -1,
            Intensity = new Float3(8f, 8f, 8f), CosInner = MathF.Cos(0.1f), CosOuter = MathF.Cos(0.2f),
        };
        var rgb = RenderFloor(light);
        Assert.True(rgb[((3 * 8) + 3) * 3] > 0.1f, "the centre is lit");
        Assert.Equal(0f, rgb[0]);
    }

    /// <summary>An 8×8 render at 16 spp of a Lambert floor at z = 0 lit by one light.</summary>
    private static float[] RenderFloor(PunctualLight light)
    {
        var draft = new SceneDraft();
        draft.Materials.Add(MaterialData.Lambert(new Float3(Albedo, Albedo, Albedo)));
        Float3[] positions = [new(-10f, -10f, 0f), new(10f, -10f, 0f), new(10f, 10f, 0f), new(-10f, 10f, 0f)];
        draft.Meshes.Add(
            new MeshDraft(
                "floor", positions, [.. Enumerable.Repeat(new VertexAttributes(new Float3(0f, 0f, 1f), 0f, 0f), 4)], [0, 1, 2, 0, 2, 3],
                [0, 0]));
        draft.Instances.Add((0, -1));
        draft.Lights.Add(light);
        draft.Cameras.Add(
            new PackageCamera { Name = "top", Node = -1, TanHalfFovY = 0.25f, Aspect = 1f, Eye = [0f, 0f, 4f], Target = [0f, 0f, 0f] });

        // Two bounces: the camera hit and its light sample; no indirect light from a lone floor.
        var scene = TestScenes.Frame(draft, new RenderSettings(Integrator.Full, MaxBounces: 2));
        using var device = new ManagedCpuDevice("t", 1);
        return TestScenes.Render(device, scene, FrameParameters.Create(8, 8, 16, seed: 2, frame: 0));
    }
}
