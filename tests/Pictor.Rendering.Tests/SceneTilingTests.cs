using System.Text.Json.Nodes;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;
using Pictor.Rendering.Import;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Tests;

/// <summary>BVH scenes keep the renderer's determinism rule: any tiling on one backend gives the same bits.</summary>
public sealed class SceneTilingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pictor-tiles-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("cpu:1", 16)]
    [InlineData("cpu:1", 23)]
    [InlineData("ilgpu-cpu", 20)]
    public void Render_TiledBvhScene_IsBitIdenticalToWholeFrame(string devices, int tile)
    {
        using var catalog = new DeviceCatalog();
        var device = catalog.Open(DeviceSelection.Parse(devices, 1))[0];
        var scene = MixedScene(frame: 3);
        var frame = FrameParameters.Create(40, 30, 4, seed: 9, frame: 3);
        var whole = new FrameBuffer(frame.Width, frame.Height);
        device.Render(scene, frame, new PixelRect(0, 0, frame.Width, frame.Height), whole.Pixels);
        var tiled = new FrameBuffer(frame.Width, frame.Height);
        for (int y = 0; y < frame.Height; y += tile)
        {
            for (int x = 0; x < frame.Width; x += tile)
            {
                var rect = new PixelRect(x, y, Math.Min(tile, frame.Width - x), Math.Min(tile, frame.Height - y));
                var rgb = new float[rect.FloatCount];
                device.Render(scene, frame, rect, rgb);
                tiled.Blit(rect, rgb);
            }
        }

        Assert.Equal(whole.Pixels, tiled.Pixels);
        Assert.True(whole.Mean() > 0.01, $"mean {whole.Mean()}");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Render_ThreadCount_DoesNotChangeABvhScene()
    {
        var scene = MixedScene(frame: 0);
        var frame = FrameParameters.Create(32, 24, 3, seed: 1, frame: 0);
        using var one = new ManagedCpuDevice("a", 1);
        using var three = new ManagedCpuDevice("b", 3);
        Assert.Equal(TestScenes.Render(one, scene, frame), TestScenes.Render(three, scene, frame));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void IlgpuKernel_OnCpuAccelerator_MatchesManagedPathOnABvhScene()
    {
        using var catalog = new DeviceCatalog();
        var managed = catalog.Open(DeviceSelection.Parse("cpu:1", 1))[0];
        var kernel = catalog.Open(DeviceSelection.Parse("ilgpu-cpu", 1))[0];
        var scene = MixedScene(frame: 5);
        var frame = FrameParameters.Create(24, 20, 4, seed: 4, frame: 5);
        Assert.Equal(TestScenes.Render(managed, scene, frame), TestScenes.Render(kernel, scene, frame));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>Textured floor, emissive panel, point light, glass and metal, an animated mesh.</summary>
    private FrameScene MixedScene(int frame)
    {
        var file = new GltfTestFile();
        file.Use("KHR_materials_emissive_strength");
        file.Use("KHR_materials_transmission");
        byte[] checker = [200, 200, 200, 255, 40, 40, 40, 255, 40, 40, 40, 255, 200, 200, 200, 255];
        int texture = file.AddPngTexture(2, 2, checker);
        int floorMaterial = file.AddMaterial(
            new JsonObject
            {
                ["pbrMetallicRoughness"] = new JsonObject
                {
                    ["baseColorTexture"] = new JsonObject { ["index"] = texture },
                    ["metallicFactor"] = 0f,
                    ["roughnessFactor"] = 0.8f,
                },
            });
        int lamp = file.AddMaterial(
            new JsonObject
            {
                ["emissiveFactor"] = new JsonArray(1f, 0.8f, 0.6f),
                ["extensions"] = new JsonObject { ["KHR_materials_emissive_strength"] = new JsonObject { ["emissiveStrength"] = 6f } },
            });
        int glass = file.AddMaterial(
            new JsonObject
            {
                ["pbrMetallicRoughness"] = new JsonObject { ["metallicFactor"] = 0f, ["roughnessFactor"] = 0.1f },
                ["extensions"] = new JsonObject { ["KHR_materials_transmission"] = new JsonObject { ["transmissionFactor"] = 1f } },
            });
        int metal = file.AddMaterial(
            new JsonObject
            {
                ["pbrMetallicRoughness"] = new JsonObject
                {
                    ["baseColorFactor"] = new JsonArray(0.9f, 0.6f, 0.3f, 1f),
                    ["metallicFactor"] = 1f,
                    ["roughnessFactor"] = 0.3f,
                },
            });
        int floor = file.AddMesh(
            GltfTestFile.QuadPositions(3f), GltfTestFile.QuadIndices, uvs: [0f, 0f, 4f, 0f, 4f, 4f, 0f, 4f], material: floorMaterial);
        int panel = file.AddMesh(GltfTestFile.QuadPositions(0.4f), GltfTestFile.QuadIndices, material: lamp);
        var random = new Random(2);
        var blob = BvhTests.RandomMesh(random, 300, clustered: false);
        int glassMesh = file.AddMesh(
            [.. blob.Positions.SelectMany(p => new[] { p.X * 0.5f, p.Y * 0.5f, (p.Z * 0.5f) + 0.6f })],
            [.. blob.Indices.Select(i => (uint)i)], material: glass);
        int metalMesh = file.AddMesh(
            [.. blob.Positions.SelectMany(p => new[] { (p.X * 0.3f) + 1f, p.Y * 0.3f, (p.Z * 0.3f) + 0.4f })],
            [.. blob.Indices.Select(i => (uint)i)], material: metal);
        file.AddNode(new JsonObject { ["mesh"] = floor });
        file.AddNode(
            new JsonObject { ["mesh"] = panel, ["translation"] = new JsonArray(0f, 0f, 2f), ["rotation"] = new JsonArray(1f, 0f, 0f, 0f) });
        file.AddNode(new JsonObject { ["mesh"] = glassMesh });
        int spinning = file.AddNode(new JsonObject { ["mesh"] = metalMesh });
        int light = file.AddLight(new JsonObject { ["type"] = "point", ["intensity"] = 3f });
        file.AddNode(
            new JsonObject
            {
                ["translation"] = new JsonArray(-1f, -1f, 1.5f),
                ["extensions"] = new JsonObject { ["KHR_lights_punctual"] = new JsonObject { ["light"] = light } },
            });
        int camera = file.AddCamera("c", 0.9f);
        file.AddNode(
            new JsonObject
            {
                ["camera"] = camera,
                ["translation"] = new JsonArray(0f, -3f, 2f),
                ["rotation"] = new JsonArray(MathF.Sin(0.5f), 0f, 0f, MathF.Cos(0.5f)),
            });
        int times = file.AddAccessor([0f, 1f], "SCALAR", minMax: true);
        int turns = file.AddAccessor([0f, 0f, 0f, 1f, 0f, 0f, 1f, 0f], "VEC4");
        file.Array("animations").Add(new JsonObject
        {
            ["samplers"] = new JsonArray { new JsonObject { ["input"] = times, ["output"] = turns } },
            ["channels"] = new JsonArray
            {
                new JsonObject { ["sampler"] = 0, ["target"] = new JsonObject { ["node"] = spinning, ["path"] = "rotation" } },
            },
        });
        var loaded = SceneLoader.Load(file.WriteGlb(_dir));
        Assert.Equal(2, loaded.Package.Instances.Length);
        return FrameScene.Create(loaded.Geometry, frame, new RenderSettings(Integrator.Full));
    }
}
