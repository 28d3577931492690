using System.Diagnostics;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;
using Pictor.Rendering.Import;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Bench;

/// <summary>The <c>scene</c> mode: BVH build time, bytes per triangle, package size and memory for a large mesh
/// (a synthetic displaced grid of <c>--triangles</c>, or <c>--file</c>: a glTF file or <c>builtin:NAME</c>), then a
/// full-estimator render of it.</summary>
internal static class SceneBench
{
    public static int Run(BenchOptions options)
    {
        var watch = Stopwatch.StartNew();
        SceneDraft draft = options.File switch
        {
            null => Terrain(options.Triangles),
            string f when f.StartsWith(BuiltinScenes.Prefix, StringComparison.Ordinal) =>
                BuiltinScenes.Create(f[BuiltinScenes.Prefix.Length..]),
            string f => GltfImporter.Import(f),
        };
        double importSeconds = watch.Elapsed.TotalSeconds;
        long meshTriangles = draft.Meshes.Sum(m => (long)m.TriangleCount);
        Console.WriteLine($"scene: {(options.File ?? "synthetic terrain")}, {meshTriangles:N0} triangles in the draft, made/imported in " +
            $"{importSeconds:F2} s");

        watch.Restart();
        var package = ScenePackageBuilder.Build(draft, out var stats);
        double packageSeconds = watch.Elapsed.TotalSeconds;
        draft = null!;
        watch.Restart();
        byte[] bytes = ScenePackageSerializer.Serialize(package);
        double serializeSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        string hash = ScenePackageSerializer.Hash(bytes);
        double hashSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"bvh: {stats.Triangles:N0} triangles, build {stats.BvhBuildSeconds:F2} s on {Environment.ProcessorCount} cores (package " +
                $"{packageSeconds:F2} s), " +
            $"{(double)stats.BvhBytes / stats.Triangles:F1} BVH bytes/triangle, {stats.BytesPerTriangle:F1} geometry bytes/triangle");
        Console.WriteLine($"package: {bytes.Length / 1048576.0:F1} MiB, MessagePack {serializeSeconds:F2} s, SHA-256 {hashSeconds:F2} " +
            $"s, {hash[..16]}…");

        watch.Restart();
        var geometry = SceneGeometry.FromPackage(ScenePackageSerializer.Deserialize(bytes));
        bytes = null!;
        package = null!;
        var scene = FrameScene.Create(geometry, 0, new RenderSettings(Integrator.Full));
        Console.WriteLine($"load: deserialize + device arrays {watch.Elapsed.TotalSeconds:F2} s, device arrays " +
            $"{geometry.DeviceBytes / 1048576.0:F1} MiB");

        using var device = new ManagedCpuDevice("bench", options.Threads);
        var frame = FrameParameters.Create(options.Size, options.Size, options.Spp, 0, 0);
        var buffer = new FrameBuffer(options.Size, options.Size);

        // One small untimed render first: the JIT compiles the integrator on first use.
        device.Render(scene, FrameParameters.Create(16, 16, 1, 0, 0), new PixelRect(0, 0, 16, 16), new float[16 * 16 * 3]);
        watch.Restart();
        device.Render(scene, frame, new PixelRect(0, 0, options.Size, options.Size), buffer.Pixels);
        double seconds = watch.Elapsed.TotalSeconds;
        GC.Collect();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(
            $"render: {options.Size}x{options.Size}x{options.Spp} full estimator, {options.Threads} threads: {seconds:F2} s, " +
            $"{(double)options.Size * options.Size * options.Spp / seconds / 1e6:F2} Msamples/s, mean {buffer.Mean():F4}");
        Console.WriteLine($"memory: managed heap {managed / 1048576.0:F0} MiB after the render, peak working set " +
            $"{peak / 1048576.0:F0} MiB");
        GC.KeepAlive(scene);
        return 0;
    }

    /// <summary>A displaced grid of about <paramref name="triangles"/> triangles under an emissive panel and a sun.</summary>
    private static SceneDraft Terrain(int triangles)
    {
        int n = Math.Max(1, (int)Math.Sqrt(triangles / 2.0));
        var positions = new Float3[(n + 1) * (n + 1)];
        var attributes = new VertexAttributes[positions.Length];
        for (int j = 0; j <= n; j++)
        {
            for (int i = 0; i <= n; i++)
            {
                float x = ((float)i / n * 2f) - 1f, z = ((float)j / n * 2f) - 1f;
                float y = 0.08f * (MathF.Sin(x * 13f) * MathF.Cos(z * 11f)) + (0.03f * MathF.Sin((x + z) * 41f));
                positions[(j * (n + 1)) + i] = new Float3(x, y, z);
                attributes[(j * (n + 1)) + i] = new VertexAttributes(new Float3(0f, 1f, 0f), x, z);
            }
        }

        var indices = new int[n * n * 6];
        int o = 0;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                int a = (j * (n + 1)) + i, b = a + 1, c = a + n + 1, d = c + 1;
                indices[o++] = a;
                indices[o++] = c;
                indices[o++] = b;
                indices[o++] = b;
                indices[o++] = c;
                indices[o++] = d;
            }
        }

        var draft = new SceneDraft { Source = "terrain", Background = new Float3(0.05f, 0.07f, 0.1f) };
        draft.Materials.Add(
            new MaterialData { BaseColor = new Float3(0.6f, 0.55f, 0.5f), Roughness = 0.7f, Ior = 1.5f, BaseColorTexture = -1 });
        var lamp = MaterialData.Lambert(Float3.Zero);
        lamp.Emission = new Float3(8f, 7f, 6f);
        draft.Materials.Add(lamp);
        draft.Meshes.Add(new MeshDraft("terrain", positions, attributes, indices, new int[indices.Length / 3]));
        draft.Meshes.Add(new MeshDraft(
            "lamp",
            [new Float3(-0.2f, 0.8f, -0.2f), new Float3(0.2f, 0.8f, -0.2f), new Float3(0.2f, 0.8f, 0.2f), new Float3(-0.2f, 0.8f, 0.2f)],
            [.. Enumerable.Repeat(new VertexAttributes(new Float3(0f, -1f, 0f), 0f, 0f), 4)],
            [0, 1, 2, 0, 2, 3],
            [1, 1]));
        draft.Instances.Add((0, -1));
        draft.Instances.Add((1, -1));
        var sun = Float3.Normalize(new Float3(-0.4f, -1f, -0.3f));
        draft.Lights.Add(
            new PunctualLight { Kind = LightKind.Directional, Direction = sun, Node = -1, Intensity = new Float3(1.5f, 1.4f, 1.2f) });
        draft.Cameras.Add(
            new PackageCamera { Name = "overview", Node = -1, TanHalfFovY = 0.5f, Eye = [0f, 1.2f, 2.2f], Target = [0f, 0f, 0f] });
        return draft;
    }
}
