using System.Text.Json.Nodes;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Import;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Tests;

public sealed class GltfImportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pictor-gltf-" + Guid.NewGuid().ToString("N"));

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_NodeHierarchy_ComposesTranslationRotationScale()
    {
        var file = new GltfTestFile();
        int mesh = file.AddMesh(GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices);
        // Child: scale 2 then a quarter turn about z; parent: translate (10, 0, 0).
        int child = file.AddNode(
            new JsonObject
            {
                ["mesh"] = mesh,
                ["scale"] = new JsonArray(2f, 1f, 1f),
                ["rotation"] = new JsonArray(0f, 0f, MathF.Sin(MathF.PI / 4), MathF.Cos(MathF.PI / 4)),
            },
            root: false);
        file.AddNode(new JsonObject { ["translation"] = new JsonArray(10f, 0f, 0f), ["children"] = new JsonArray(child) });
        var loaded = SceneLoader.Load(file.WriteGltf(_dir));
        var root = loaded.Geometry.BlasNodes[0];
        // The quad spans x ∈ [−2, 2], y ∈ [−1, 1] after scaling; the turn swaps the axes; then +10 in x.
        AssertNear(new Float3(9f, -2f, 0f), root.Min);
        AssertNear(new Float3(11f, 2f, 0f), root.Max);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_MatrixNode_EqualsTheSameTrsNode()
    {
        var trs = new GltfTestFile();
        int mesh = trs.AddMesh(GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices);
        trs.AddNode(new JsonObject { ["mesh"] = mesh, ["translation"] = new JsonArray(1f, 2f, 3f), ["scale"] = new JsonArray(2f, 2f, 2f) });
        var matrix = new GltfTestFile();
        mesh = matrix.AddMesh(GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices);
        matrix.AddNode(
            new JsonObject { ["mesh"] = mesh, ["matrix"] = new JsonArray(2f, 0f, 0f, 0f, 0f, 2f, 0f, 0f, 0f, 0f, 2f, 0f, 1f, 2f, 3f, 1f) });
        var a = SceneLoader.Load(trs.WriteGltf(Path.Combine(_dir, "trs")));
        var b = SceneLoader.Load(matrix.WriteGltf(Path.Combine(_dir, "matrix")));
        Assert.Equal(a.Geometry.Triangles, b.Geometry.Triangles);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_GlbAndGltf_OfTheSameScene_HaveTheSamePackageHash()
    {
        var file = SimpleScene();
        var gltf = SceneLoader.Load(file.WriteGltf(_dir));
        var glb = SceneLoader.Load(file.WriteGlb(_dir));
        Assert.Equal(64, gltf.Hash.Length);
        Assert.Equal(gltf.Package.Meshes.Length, glb.Package.Meshes.Length);
        Assert.Equal(gltf.Package.Meshes[0].Triangles, glb.Package.Meshes[0].Triangles);
        gltf.Package.Source = glb.Package.Source;
        Assert.Equal(
            Packages.ScenePackageSerializer.Hash(Packages.ScenePackageSerializer.Serialize(gltf.Package)),
            Packages.ScenePackageSerializer.Hash(Packages.ScenePackageSerializer.Serialize(glb.Package)));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Package_RoundTripsThroughMessagePack_ByteForByte()
    {
        var loaded = SceneLoader.Load(SimpleScene().WriteGlb(_dir));
        var again = Packages.ScenePackageSerializer.Deserialize(loaded.Bytes);
        Assert.Equal(loaded.Bytes, Packages.ScenePackageSerializer.Serialize(again));
        Assert.Throws<InvalidDataException>(
            () => Packages.ScenePackageSerializer.Deserialize(loaded.Bytes.AsMemory(0, loaded.Bytes.Length / 2)));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_Cameras_PickedByNameElseTheFirst()
    {
        var file = SimpleScene();
        int wide = file.AddCamera("wide", 1.2f);
        int tele = file.AddCamera("tele", 0.3f);
        file.AddNode(new JsonObject { ["name"] = "cam-a", ["camera"] = wide, ["translation"] = new JsonArray(0f, 0f, 5f) });
        file.AddNode(
            new JsonObject
            {
                ["name"] = "cam-b",
                ["camera"] = tele,
                ["translation"] = new JsonArray(3f, 0f, 0f),
                ["rotation"] = new JsonArray(0f, MathF.Sin(MathF.PI / 4), 0f, MathF.Cos(MathF.PI / 4)),
            });
        var loaded = SceneLoader.Load(file.WriteGltf(_dir));

        var first = FrameScene.Create(loaded.Geometry, 0, new RenderSettings());
        Assert.Equal("wide", first.CameraName);
        AssertNear(new Float3(0f, 0f, 5f), first.Constants.Eye);
        AssertNear(new Float3(0f, 0f, -1f), first.Constants.Forward);
        Assert.Equal(MathF.Tan(0.6f), first.Constants.TanHalfFovY, 5);

        var named = FrameScene.Create(loaded.Geometry, 0, new RenderSettings(Camera: "tele"));
        AssertNear(new Float3(3f, 0f, 0f), named.Constants.Eye);
        AssertNear(new Float3(-1f, 0f, 0f), named.Constants.Forward);

        var missing = Assert.Throws<ArgumentException>(() => FrameScene.Create(loaded.Geometry, 0, new RenderSettings(Camera: "nope")));
        Assert.Contains("'wide'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_Materials_ReadFactorsAndExtensions_AndWarnAboutTheRest()
    {
        var file = new GltfTestFile();
        file.Use("KHR_materials_emissive_strength");
        file.Use("KHR_materials_transmission");
        file.Use("KHR_materials_ior");
        file.Use("KHR_materials_clearcoat");
        int material = file.AddMaterial(new JsonObject
        {
            ["pbrMetallicRoughness"] = new JsonObject
            {
                ["baseColorFactor"] = new JsonArray(0.5f, 0.25f, 1f, 1f),
                ["metallicFactor"] = 0.2f,
                ["roughnessFactor"] = 0.7f,
            },
            ["emissiveFactor"] = new JsonArray(1f, 0.5f, 0f),
            ["doubleSided"] = true,
            ["alphaMode"] = "BLEND",
            ["extensions"] = new JsonObject
            {
                ["KHR_materials_emissive_strength"] = new JsonObject { ["emissiveStrength"] = 4f },
                ["KHR_materials_transmission"] = new JsonObject { ["transmissionFactor"] = 0.9f },
                ["KHR_materials_ior"] = new JsonObject { ["ior"] = 1.33f },
                ["KHR_materials_clearcoat"] = new JsonObject { ["clearcoatFactor"] = 1f },
            },
        });
        int mesh = file.AddMesh(GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices, material: material);
        file.AddNode(new JsonObject { ["mesh"] = mesh });
        var loaded = SceneLoader.Load(file.WriteGltf(_dir));
        var m = loaded.Geometry.Materials[0];
        Assert.Equal(new Float3(0.5f, 0.25f, 1f), m.BaseColor);
        Assert.Equal(0.2f, m.Metallic);
        Assert.Equal(0.7f, m.Roughness);
        Assert.Equal(new Float3(4f, 2f, 0f), m.Emission);
        Assert.Equal(0.9f, m.Transmission);
        Assert.Equal(1.33f, m.Ior);
        Assert.Equal(MaterialFlags.DoubleSided, m.Flags);
        Assert.Contains(loaded.Warnings, w => w.Contains("KHR_materials_clearcoat", StringComparison.Ordinal));
        Assert.Contains(loaded.Warnings, w => w.Contains("BLEND", StringComparison.Ordinal));
        Assert.Equal(2, loaded.Geometry.MeshEmitters[0].Length);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_BaseColorTexture_IsDecodedAndSampledOnTheDevice()
    {
        // A quad facing the camera, left half red and right half green texels, lit by a white sky.
        var file = new GltfTestFile();
        byte[] rgba = [255, 0, 0, 255, 0, 255, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255];
        int texture = file.AddPngTexture(2, 2, rgba);
        int material = file.AddMaterial(new JsonObject
        {
            ["pbrMetallicRoughness"] = new JsonObject
            {
                ["baseColorTexture"] = new JsonObject { ["index"] = texture },
                ["metallicFactor"] = 0f,
            },
        });
        int mesh = file.AddMesh(
            GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices, uvs: [0f, 1f, 1f, 1f, 1f, 0f, 0f, 0f], material: material);
        file.AddNode(new JsonObject { ["mesh"] = mesh });
        int camera = file.AddCamera("c", 0.5f);
        file.AddNode(new JsonObject { ["camera"] = camera, ["translation"] = new JsonArray(0f, 0f, 3f) });
        var loaded = SceneLoader.Load(file.WriteGlb(_dir));
        Assert.Single(loaded.Package.Textures);
        Assert.Equal(rgba, loaded.Package.Textures[0].Rgba);

        loaded.Package.Background = [1f, 1f, 1f];
        var geometry = SceneGeometry.FromPackage(loaded.Package);
        using var device = new ManagedCpuDevice("t", 2);
        var rgb = TestScenes.Render(device, FrameScene.Create(geometry, 0, new RenderSettings()), FrameParameters.Create(16, 16, 16, 1, 0));
        int left = ((8 * 16) + 3) * 3;
        int right = ((8 * 16) + 12) * 3;
        Assert.True(rgb[left] > 3 * rgb[left + 1], $"left pixel {rgb[left]}, {rgb[left + 1]}");
        Assert.True(rgb[right + 1] > 3 * rgb[right], $"right pixel {rgb[right]}, {rgb[right + 1]}");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_ExternalJpegTexture_IsDecoded()
    {
        var file = new GltfTestFile();
        var rgb = Enumerable.Range(0, 8 * 8).SelectMany(_ => new byte[] { 200, 100, 50 }).ToArray();
        using var jpeg = new MemoryStream();
        new StbImageWriteSharp.ImageWriter().WriteJpg(rgb, 8, 8, StbImageWriteSharp.ColorComponents.RedGreenBlue, jpeg, 95);
        int texture = file.AddExternalTexture("albedo.jpg", jpeg.ToArray());
        int material = file.AddMaterial(
            new JsonObject { ["pbrMetallicRoughness"] = new JsonObject { ["baseColorTexture"] = new JsonObject { ["index"] = texture } } });
        int mesh = file.AddMesh(
            GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices, uvs: [0f, 1f, 1f, 1f, 1f, 0f, 0f, 0f], material: material);
        file.AddNode(new JsonObject { ["mesh"] = mesh });
        var loaded = SceneLoader.Load(file.WriteGltf(_dir));
        var texels = loaded.Package.Textures[0];
        Assert.Equal((8, 8), (texels.Width, texels.Height));
        Assert.InRange(texels.Rgba[0], (byte)190, (byte)210);
        Assert.InRange(texels.Rgba[1], (byte)90, (byte)110);
        Assert.Equal(0, loaded.Geometry.Materials[0].BaseColorTexture);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_MissingImageFile_IsRejected()
    {
        var file = new GltfTestFile();
        int texture = file.AddExternalTexture("gone.png", [1, 2, 3]);
        int material = file.AddMaterial(
            new JsonObject { ["pbrMetallicRoughness"] = new JsonObject { ["baseColorTexture"] = new JsonObject { ["index"] = texture } } });
        int mesh = file.AddMesh(GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices, material: material);
        file.AddNode(new JsonObject { ["mesh"] = mesh });
        string path = file.WriteGltf(_dir);
        File.Delete(Path.Combine(_dir, "gone.png"));
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(path));
        Assert.Contains("'gone.png', which does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_MetallicRoughnessTexture_ScalesMetalnessOnTheDevice()
    {
        // A floor whose factors say "metal", lit by a point light: with the texture's blue channel at 0 it turns
        // dielectric and its diffuse base lights the floor away from the highlight; at 255 it stays a dark metal there.
        float dielectric = MedianOfFloor(0);
        float metal = MedianOfFloor(255);
        Assert.True(dielectric > 4 * metal, $"median pixel: dielectric {dielectric}, metal {metal}");
    }

    private float MedianOfFloor(byte metalness)
    {
        var file = new GltfTestFile();
        file.Use("KHR_lights_punctual");
        int texture = file.AddPngTexture(1, 1, [0, 255, metalness, 255]);
        int material = file.AddMaterial(new JsonObject
        {
            ["pbrMetallicRoughness"] = new JsonObject
            {
                ["metallicFactor"] = 1f,
                ["roughnessFactor"] = 0.3f,
                ["metallicRoughnessTexture"] = new JsonObject { ["index"] = texture },
            },
        });
        int mesh = file.AddMesh(
            GltfTestFile.QuadPositions(3f), GltfTestFile.QuadIndices, uvs: [0f, 0f, 1f, 0f, 1f, 1f, 0f, 1f], material: material);
        file.AddNode(new JsonObject { ["mesh"] = mesh });
        int light = file.AddLight(new JsonObject { ["type"] = "point", ["intensity"] = 10f });
        file.AddNode(
            new JsonObject
            {
                ["translation"] = new JsonArray(0f, 0f, 2f),
                ["extensions"] = new JsonObject { ["KHR_lights_punctual"] = new JsonObject { ["light"] = light } },
            });
        int camera = file.AddCamera("c", 0.6f);
        file.AddNode(
            new JsonObject
            {
                ["camera"] = camera,
                ["translation"] = new JsonArray(0f, -3f, 3f),
                ["rotation"] = new JsonArray(MathF.Sin(MathF.PI / 8), 0f, 0f, MathF.Cos(MathF.PI / 8)),
            });
        var loaded = SceneLoader.Load(
            file.WriteGlb(Path.Combine(_dir, metalness.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(MaterialFlags.MetallicRoughnessTexture, loaded.Geometry.Materials[0].Flags);
        Assert.DoesNotContain(loaded.Warnings, w => w.Contains("metallicRoughness", StringComparison.Ordinal));
        using var device = new ManagedCpuDevice("t", 2);
        var rgb = TestScenes.Render(
            device, FrameScene.Create(loaded.Geometry, 0, new RenderSettings()), FrameParameters.Create(16, 16, 8, 1, 0));
        return rgb.Order().ElementAt(rgb.Length / 2);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_EmissiveTexture_ShowsOnTheLightAndLightsTheFloorAlike_WithAndWithoutLightSampling()
    {
        // A panel over a floor, its emission red on one half and green on the other: seen directly it shows the
        // texture, and the floor it lights converges to the same image with NEE + MIS and with BSDF sampling alone.
        var file = new GltfTestFile();
        file.Use("KHR_materials_emissive_strength");
        int texture = file.AddPngTexture(2, 1, [255, 0, 0, 255, 0, 255, 0, 255]);
        int floorMaterial = file.AddMaterial(
            new JsonObject { ["pbrMetallicRoughness"] = new JsonObject { ["metallicFactor"] = 0f, ["roughnessFactor"] = 0.8f } });
        int lamp = file.AddMaterial(new JsonObject
        {
            ["emissiveFactor"] = new JsonArray(1f, 1f, 1f),
            ["emissiveTexture"] = new JsonObject { ["index"] = texture },
            ["extensions"] = new JsonObject { ["KHR_materials_emissive_strength"] = new JsonObject { ["emissiveStrength"] = 4f } },
        });
        int floor = file.AddMesh(GltfTestFile.QuadPositions(3f), GltfTestFile.QuadIndices, material: floorMaterial);
        int panel = file.AddMesh(
            GltfTestFile.QuadPositions(0.6f), GltfTestFile.QuadIndices, uvs: [0f, 0f, 1f, 0f, 1f, 1f, 0f, 1f], material: lamp);
        file.AddNode(new JsonObject { ["mesh"] = floor });
        file.AddNode(
            new JsonObject { ["mesh"] = panel, ["translation"] = new JsonArray(0f, 0f, 1f), ["rotation"] = new JsonArray(0f, 1f, 0f, 0f) });
        int camera = file.AddCamera("c", 0.9f);
        file.AddNode(
            new JsonObject
            {
                ["camera"] = camera,
                ["translation"] = new JsonArray(0f, -3f, 2f),
                ["rotation"] = new JsonArray(MathF.Sin(0.55f), 0f, 0f, MathF.Cos(0.55f)),
            });
        var loaded = SceneLoader.Load(file.WriteGlb(_dir));
        Assert.Equal(MaterialFlags.EmissiveTexture, loaded.Geometry.Materials[1].Flags & MaterialFlags.EmissiveTexture);
        using var device = new ManagedCpuDevice("t", 2);
        var parameters = FrameParameters.Create(24, 24, 192, 3, 0);
        var full = TestScenes.Render(device, FrameScene.Create(loaded.Geometry, 0, new RenderSettings(Integrator.Full)), parameters);
        var naive = TestScenes.Render(device, FrameScene.Create(loaded.Geometry, 0, new RenderSettings(Integrator.Naive)), parameters);
        double Channel(float[] rgb, int c) => Enumerable.Range(0, rgb.Length / 3).Average(p => (double)rgb[(p * 3) + c]);
        for (int c = 0; c < 2; c++)
        {
            Assert.True(Channel(full, c) > 0.02, $"channel {c}: {Channel(full, c)}");
            Assert.InRange(Channel(naive, c), Channel(full, c) * 0.92, Channel(full, c) * 1.08);
        }

        Assert.True(Channel(full, 2) < 0.05 * Channel(full, 0), "no blue emission anywhere");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_MissingNormals_AreGenerated()
    {
        var file = new GltfTestFile();
        int mesh = file.AddMesh(GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices);
        file.AddNode(new JsonObject { ["mesh"] = mesh });
        var loaded = SceneLoader.Load(file.WriteGltf(_dir));
        Assert.All(loaded.Geometry.Vertices, v => AssertNear(new Float3(0f, 0f, 1f), v.Normal));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_TranslationAndRotationAnimation_IsSampledPerFrame()
    {
        var file = SimpleScene();
        int times = file.AddAccessor([0f, 1f], "SCALAR", minMax: true);
        int moves = file.AddAccessor([0f, 0f, 0f, 24f, 0f, 0f], "VEC3");
        int turns = file.AddAccessor([0f, 0f, 0f, 1f, 0f, 0f, 1f, 0f], "VEC4");
        int steps = file.AddAccessor([1f, 1f, 1f, 3f, 3f, 3f], "VEC3");
        file.Array("animations").Add(new JsonObject
        {
            ["samplers"] = new JsonArray
            {
                new JsonObject { ["input"] = times, ["output"] = moves },
                new JsonObject { ["input"] = times, ["output"] = turns },
                new JsonObject { ["input"] = times, ["output"] = steps, ["interpolation"] = "STEP" },
            },
            ["channels"] = new JsonArray
            {
                new JsonObject { ["sampler"] = 0, ["target"] = new JsonObject { ["node"] = 0, ["path"] = "translation" } },
                new JsonObject { ["sampler"] = 1, ["target"] = new JsonObject { ["node"] = 0, ["path"] = "rotation" } },
                new JsonObject { ["sampler"] = 2, ["target"] = new JsonObject { ["node"] = 0, ["path"] = "scale" } },
            },
        });
        var loaded = SceneLoader.Load(file.WriteGltf(_dir));
        var start = FrameScene.Create(loaded.Geometry, 0, new RenderSettings()).Instances[0].LocalToWorld;
        var middle = FrameScene.Create(loaded.Geometry, 12, new RenderSettings()).Instances[0].LocalToWorld;
        var end = FrameScene.Create(loaded.Geometry, 48, new RenderSettings()).Instances[0].LocalToWorld;
        AssertNear(Float3.Zero, start.T);
        AssertNear(new Float3(12f, 0f, 0f), middle.T);
        AssertNear(new Float3(24f, 0f, 0f), end.T);

        // Half way the rotation is a quarter turn about z (slerp) and the step-interpolated scale is still 1.
        AssertNear(new Float3(0f, 1f, 0f), middle.Vector(new Float3(1f, 0f, 0f)));
        AssertNear(new Float3(-3f, 0f, 0f), end.Vector(new Float3(1f, 0f, 0f)));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Import_PunctualLights_ArePlacedByTheirNodes()
    {
        var file = SimpleScene();
        int point = file.AddLight(new JsonObject { ["type"] = "point", ["color"] = new JsonArray(1f, 0.5f, 0.25f), ["intensity"] = 8f });
        int spot = file.AddLight(
            new JsonObject
            {
                ["type"] = "spot",
                ["intensity"] = 2f,
                ["spot"] = new JsonObject { ["innerConeAngle"] = 0.2f, ["outerConeAngle"] = 0.5f },
            });
        int sun = file.AddLight(new JsonObject { ["type"] = "directional", ["intensity"] = 3f });
        file.AddNode(
            new JsonObject
            {
                ["translation"] = new JsonArray(0f, 4f, 0f),
                ["extensions"] = new JsonObject { ["KHR_lights_punctual"] = new JsonObject { ["light"] = point } },
            });
        file.AddNode(
            new JsonObject
            {
                ["translation"] = new JsonArray(1f, 2f, 3f),
                ["extensions"] = new JsonObject { ["KHR_lights_punctual"] = new JsonObject { ["light"] = spot } },
            });
        file.AddNode(
            new JsonObject
            {
                ["rotation"] = new JsonArray(-MathF.Sin(MathF.PI / 4), 0f, 0f, MathF.Cos(MathF.PI / 4)),
                ["extensions"] = new JsonObject { ["KHR_lights_punctual"] = new JsonObject { ["light"] = sun } },
            });
        var frame = FrameScene.Create(SceneLoader.Load(file.WriteGltf(_dir)).Geometry, 0, new RenderSettings());
        Assert.Equal(3, frame.Constants.LightCount);
        Assert.Equal(1, frame.Constants.LightSampling);
        AssertNear(new Float3(0f, 4f, 0f), frame.Lights[0].Position);
        Assert.Equal(new Float3(8f, 4f, 2f), frame.Lights[0].Intensity);
        Assert.Equal(LightKind.Spot, frame.Lights[1].Kind);
        Assert.Equal(MathF.Cos(0.5f), frame.Lights[1].CosOuter, 5);
        AssertNear(new Float3(0f, -1f, 0f), frame.Lights[2].Direction);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Render_PointLitPlane_FullAndNaiveAgreeWhereBothSeeTheLight()
    {
        // An emissive quad over a diffuse floor: NEE with MIS and pure path tracing must converge to the same image.
        var file = new GltfTestFile();
        file.Use("KHR_materials_emissive_strength");
        int floorMaterial = file.AddMaterial(
            new JsonObject { ["pbrMetallicRoughness"] = new JsonObject { ["metallicFactor"] = 0f, ["roughnessFactor"] = 0.5f } });
        int lamp = file.AddMaterial(
            new JsonObject
            {
                ["emissiveFactor"] = new JsonArray(1f, 1f, 1f),
                ["extensions"] = new JsonObject { ["KHR_materials_emissive_strength"] = new JsonObject { ["emissiveStrength"] = 5f } },
            });
        int floor = file.AddMesh(GltfTestFile.QuadPositions(3f), GltfTestFile.QuadIndices, material: floorMaterial);
        int panel = file.AddMesh(GltfTestFile.QuadPositions(0.5f), GltfTestFile.QuadIndices, material: lamp);
        file.AddNode(new JsonObject { ["mesh"] = floor });
        file.AddNode(
            new JsonObject { ["mesh"] = panel, ["translation"] = new JsonArray(0f, 0f, 1f), ["rotation"] = new JsonArray(1f, 0f, 0f, 0f) });
        int camera = file.AddCamera("c", 0.9f);
        file.AddNode(
            new JsonObject
            {
                ["camera"] = camera,
                ["translation"] = new JsonArray(0f, -3f, 2f),
                ["rotation"] = new JsonArray(MathF.Sin(0.55f), 0f, 0f, MathF.Cos(0.55f)),
            });
        var loaded = SceneLoader.Load(file.WriteGlb(_dir));
        using var device = new ManagedCpuDevice("t", 2);
        var parameters = FrameParameters.Create(24, 24, 256, 2, 0);
        double full = TestScenes.Mean(
            TestScenes.Render(device, FrameScene.Create(loaded.Geometry, 0, new RenderSettings(Integrator.Full)), parameters));
        double naive = TestScenes.Mean(
            TestScenes.Render(device, FrameScene.Create(loaded.Geometry, 0, new RenderSettings(Integrator.Naive)), parameters));
        Assert.True(full > 0.05, $"full mean {full}");
        Assert.InRange(naive, full * 0.93, full * 1.07);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    internal static GltfTestFile SimpleScene()
    {
        var file = new GltfTestFile();
        int mesh = file.AddMesh(
            GltfTestFile.QuadPositions(1f), GltfTestFile.QuadIndices, normals: [0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f, 1f]);
        file.AddNode(new JsonObject { ["name"] = "quad", ["mesh"] = mesh });
        return file;
    }

    private static void AssertNear(Float3 expected, Float3 actual)
    {
        Assert.True(Float3.Length(expected - actual) < 1e-4f, $"expected {expected}, got {actual}");
    }
}
