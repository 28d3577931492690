using Pictor.Contracts.Jobs;
using Pictor.Contracts.Scenes;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Import;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Grains.Tests.Scenes;

/// <summary>Scene packages through the grid: uploaded once by hash, fetched and cached by silos, rendered by tiles.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class SceneJobTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan JobDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task PackageJob_ThroughTheGrid_EqualsLocalRenderOfEachFrame()
    {
        var loaded = SceneLoader.FromDraft(AnimatedScene());
        var client = fixture.Client;
        string hash = await client.UploadSceneAsync(loaded.Bytes);
        Assert.Equal(loaded.Hash, hash);
        Assert.Equal(hash, await client.UploadSceneAsync(loaded.Bytes));

        var spec = new RenderJobSpec("animated.glb", 40, 32, 3, TileSize: 16, FirstFrame: 0, FrameCount: 2, Seed: 8, SceneHash: hash);
        string jobId = $"scene-{Guid.NewGuid():N}";
        await client.SubmitAsync(jobId, spec);
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(JobDeadline).Token);
        Assert.True(status.Phase == JobPhase.Completed, status.Error);

        using var device = new ManagedCpuDevice("reference", 2);
        for (int f = 0; f < 2; f++)
        {
            var scene = FrameScene.Create(loaded.Geometry, f, new RenderSettings(Integrator.Full));
            var local = new float[40 * 32 * 3];
            device.Render(scene, FrameParameters.Create(40, 32, 3, 8, f), new PixelRect(0, 0, 40, 32), local);
            Assert.Equal(local, (await client.GetFrameAsync(jobId, f)).Pixels);
        }
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task BuiltinScene_WithTheFullIntegrator_RendersThroughTheGrid()
    {
        var client = fixture.Client;
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 32, 32, 2, TileSize: 16, Seed: 1, Integrator: "full");
        string jobId = $"full-{Guid.NewGuid():N}";
        await client.SubmitAsync(jobId, spec);
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(JobDeadline).Token);
        Assert.True(status.Phase == JobPhase.Completed, status.Error);
        var scene = FrameScene.Create(SceneLoader.Load(RenderJobSpec.CornellSpheres).Geometry, 0, new RenderSettings(Integrator.Full));
        using var device = new ManagedCpuDevice("reference", 1);
        var local = new float[32 * 32 * 3];
        device.Render(scene, FrameParameters.Create(32, 32, 2, 1, 0), new PixelRect(0, 0, 32, 32), local);
        Assert.Equal(local, (await client.GetFrameAsync(jobId, 0)).Pixels);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Upload_WhoseBytesDoNotHashToTheKey_IsRefusedAndNothingIsStored()
    {
        var grain = fixture.Cluster.Client.GetGrain<ISceneGrain>(new string('a', 64));
        await grain.PutChunkAsync(0, [1, 2, 3]);
        await Assert.ThrowsAsync<ArgumentException>(() => grain.CompleteAsync(1));
        Assert.Null(await grain.GetInfoAsync());
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Spec_WithAMalformedHashOrIntegrator_IsInvalid()
    {
        var problems = JobSpecValidator.Validate(
            new RenderJobSpec("x.glb", 8, 8, 1, SceneHash: "ABC", Integrator: "fancy"), JobSpecLimits.Default);
        Assert.Contains(problems, p => p.Contains("scene hash", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("integrator 'fancy'", StringComparison.Ordinal));
        Assert.Empty(
            JobSpecValidator.Validate(
                new RenderJobSpec("x.glb", 8, 8, 1, SceneHash: new string('0', 64), Integrator: "full"), JobSpecLimits.Default));
    }

    /// <summary>A floor, an emissive panel and a mesh that slides along x over one second.</summary>
    private static SceneDraft AnimatedScene()
    {
        var draft = new SceneDraft { Source = "animated" };
        draft.Materials.Add(
            new MaterialData { BaseColor = new Float3(0.7f, 0.7f, 0.7f), Roughness = 0.6f, Ior = 1.5f, BaseColorTexture = -1 });
        var lamp = MaterialData.Lambert(Float3.Zero);
        lamp.Emission = new Float3(6f, 6f, 6f);
        draft.Materials.Add(lamp);
        draft.Meshes.Add(Quad("floor", 2f, 0f, 0, new Float3(0f, 0f, 1f)));
        draft.Meshes.Add(Quad("lamp", 0.4f, 1.5f, 1, new Float3(0f, 0f, -1f)));
        draft.Meshes.Add(Quad("slider", 0.3f, 0.5f, 0, new Float3(0f, 0f, 1f)));
        draft.Nodes.Add(new PackageNode { Name = "slider" });
        draft.Channels.Add(
            new PackageAnimationChannel { Node = 0, Path = 0, Interpolation = 1, Times = [0f, 1f], Values = [-1f, 0f, 0f, 1f, 0f, 0f] });
        draft.Instances.Add((0, -1));
        draft.Instances.Add((1, -1));
        draft.Instances.Add((2, 0));
        draft.Cameras.Add(new PackageCamera { Name = "c", Node = -1, TanHalfFovY = 0.6f, Eye = [0f, -2.5f, 2f], Target = [0f, 0f, 0f] });
        return draft;
    }

    private static MeshDraft Quad(string name, float size, float z, int material, Float3 normal)
    {
        Float3[] positions = [new(-size, -size, z), new(size, -size, z), new(size, size, z), new(-size, size, z)];
        var attributes = Enumerable.Repeat(new VertexAttributes(normal, 0f, 0f), 4).ToArray();
        return new MeshDraft(name, positions, attributes, [0, 1, 2, 0, 2, 3], [material, material]);
    }
}
