using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pictor.Cli.Sessions;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;
using Pictor.Rendering.Import;
using Pictor.Rendering.Scenes;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor render SCENE</c>: through an embedded grid, or with <c>--local</c> directly on one device.</summary>
/// <remarks>
/// glTF scenes are imported and packaged here; through the grid the package is uploaded once (by hash) and the job
/// names it. The integrator defaults to <c>naive</c> for <c>builtin:cornell-spheres</c> (the anchors' estimator and kernel, so
/// <c>pictor demo</c>, which renders through the grid, and <c>pictor render builtin:cornell-spheres --local</c> write the
/// same PFM) and to <c>full</c> for glTF scenes.
/// </remarks>
internal static class RenderCommand
{
    public static Command Create(CliConsole console)
    {
        var scene = new Argument<string>("scene") { Description = "The scene: a .gltf or .glb file, or builtin:cornell-spheres." };
        var local = new Option<bool>("--local")
        {
            Description = "Render directly on one device, without the grid (the baseline for grid overhead).",
        };
        var output = new Option<string>("--out")
        {
            Description = "Output file (.png, .pfm or .exr; frame ranges insert -NNNN), or a directory for frame-NNNN.png/.pfm.",
            Required = true,
        };
        var frame = new Option<int?>("--frame") { Description = "A single frame number to render (same as --frames N)." };
        var frames = new Option<string?>("--frames")
        {
            Description = "Frame range A-B (inclusive) or a single frame N; animation time is frame / 24 s.",
        };
        var camera = new Option<string?>("--camera") { Description = "Camera name (glTF scenes); the first camera by default." };
        var integrator = new Option<string?>("--integrator")
        {
            Description = "naive (pure path tracing) or full (light sampling with MIS); default: naive for " +
                "builtin:cornell-spheres, full for glTF.",
        };
        var bounces = new Option<int>("--max-bounces")
        {
            Description = "Maximum path length of scene renders.",
            DefaultValueFactory = _ => 8,
        };
        var account = new Option<string?>("--account")
        {
            Description = "The creator account the job charges (it reserves the job's cost first); default: the operator's account.",
        };
        var width = CliOptions.Width(512);
        var height = CliOptions.Height(512);
        var spp = CliOptions.Spp(64);
        var tile = CliOptions.Tile();
        var seed = CliOptions.Seed();
        var embedded = new EmbeddedSettings();
        var cluster = new ClusterFlags();
        var command = new Command("render", "Render a scene and write the frames; prints the wall time and Msamples/s.")
        {
            scene, local, output, frame, frames, camera, integrator, bounces, width, height, spp, tile, seed, account,
        };
        embedded.AddTo(command);
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string sceneId = parse.GetValue(scene)!;
            bool isGltf = SceneLoader.IsGltf(sceneId);
            if (!TryFrameRange(parse.GetValue(frame), parse.GetValue(frames), out int first, out int count, out string? rangeError))
            {
                await console.Error.WriteLineAsync($"error: {rangeError}");
                return ExitCodes.BadInput;
            }

            if (!TryIntegrator(parse.GetValue(integrator), isGltf, out var chosen))
            {
                await console.Error.WriteLineAsync($"error: --integrator is '{parse.GetValue(integrator)}'; use naive or full");
                return ExitCodes.BadInput;
            }

            var spec = new RenderJobSpec(
                sceneId, parse.GetValue(width), parse.GetValue(height), parse.GetValue(spp), parse.GetValue(tile), first, count,
                parse.GetValue(seed), Account: parse.GetValue(account));
            string target = parse.GetValue(output)!;
            string ext = Path.GetExtension(target).ToLowerInvariant();
            if (ext.Length > 0 && !FrameFiles.Extensions.Contains(ext))
            {
                await console.Error.WriteLineAsync($"error: cannot write '{target}': use one of " +
                    $"{string.Join(", ", FrameFiles.Extensions)}, or a directory");
                return ExitCodes.BadInput;
            }

            // glTF scenes are not built-in scene ids: check the numbers with the grid's own validator all the same.
            if (!CliOptions.CheckSpec(isGltf ? spec with { Scene = RenderJobSpec.CornellSpheres } : spec, console.Error))
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(bounces) is < 1 or > 1024)
            {
                await console.Error.WriteLineAsync($"error: --max-bounces is {parse.GetValue(bounces)}; it must be between 1 and 1024");
                return ExitCodes.BadInput;
            }

            bool anchorKernel = !isGltf && chosen == Integrator.Naive;
            var settings = new RenderSettings(chosen, parse.GetValue(bounces), parse.GetValue(camera));
            var configuration = CliConfiguration.Load();
            if (parse.GetValue(local))
            {
                var devices = parse.GetValue(embedded.Devices);
                return anchorKernel
                    ? RenderLocal(spec, devices, target, console.Out)
                    : RenderScene(spec, settings, devices, target, console);
            }

            LoadedScene? loaded = null;
            if (isGltf)
            {
                loaded = LoadScene(sceneId, settings, first, console);
                if (loaded is null)
                {
                    return ExitCodes.BadInput;
                }
            }

            var remote = cluster.Resolve(parse, configuration);
            var silo = embedded.Resolve(parse, configuration, null);
            silo.Dashboard = false;
            await using var grid = remote is null
                ? await EmbeddedGridSession.StartAsync(silo, configuration, parse.GetValue(embedded.Verbose), cancellationToken)
                : await ClusterGridSession.ConnectAsync(remote, configuration, parse.GetValue(embedded.Verbose), cancellationToken);
            if (loaded is not null)
            {
                // The package goes up once per grid (content-addressed); silos fetch and cache it on their first tile.
                string hash = await new PictorClient(grid.Client).UploadSceneAsync(loaded.Bytes, cancellationToken);
                console.Out.WriteLine($"scene: uploaded sha256:{hash[..16]}… ({loaded.Bytes.Length / 1048576.0:F1} MiB)");
                spec = spec with { Scene = Path.GetFileName(sceneId), SceneHash = hash };
            }

            if (!anchorKernel)
            {
                spec = spec with
                {
                    Integrator = chosen == Integrator.Full ? "full" : "naive",
                    Camera = settings.Camera,
                    MaxBounces = settings.MaxBounces,
                };
            }

            return await GridRender.RunAsync(
                grid, spec, (f, buffer) => Write(target, f.Frame, buffer, spec.FrameCount > 1), keep: false, console, cancellationToken);
        });
        return command;
    }

    private static int RenderLocal(RenderJobSpec spec, string? devices, string target, TextWriter output)
    {
        using var catalog = new DeviceCatalog();
        var device = Open(catalog, devices, output);
        var watch = new Stopwatch();
        for (int f = spec.FirstFrame; f < spec.FirstFrame + spec.FrameCount; f++)
        {
            var frame = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, f);
            watch.Start();
            var buffer = LocalRenderer.RenderFrame(device, frame);
            watch.Stop();
            foreach (string path in Write(target, f, buffer, spec.FrameCount > 1))
            {
                output.WriteLine($"wrote {path}");
            }
        }

        PrintRate(spec, watch.Elapsed.TotalSeconds, output);
        return ExitCodes.Ok;
    }

    /// <summary>Imports and packages a scene, printing its figures and warnings; null (after an error line) when it fails.</summary>
    private static LoadedScene? LoadScene(string scene, RenderSettings settings, int firstFrame, CliConsole console)
    {
        LoadedScene loaded;
        var load = Stopwatch.StartNew();
        try
        {
            loaded = SceneLoader.Load(scene);

            // Evaluating the first frame checks the camera name before any rendering starts.
            FrameScene.Create(loaded.Geometry, firstFrame, settings);
        }
        catch (Exception e) when (e is SceneImportException or ArgumentException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return null;
        }

        foreach (string warning in loaded.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        if (settings.Integrator == Integrator.Naive && loaded.Package.Lights.Length > 0)
        {
            console.Error.WriteLine("warning: the naive integrator cannot reach punctual lights (only light sampling does); " +
                "they add nothing");
        }

        var stats = loaded.Statistics;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scene: {loaded.Package.Source} sha256:{loaded.Hash[..16]}… {stats.Triangles:N0} triangles, BVH built in " +
                $"{stats.BvhBuildSeconds:F2} s, {stats.BytesPerTriangle:F0} bytes/triangle, package {loaded.Bytes.Length / 1048576.0:F1} " +
                $"MiB, loaded in {load.Elapsed.TotalSeconds:F2} s"));
        return loaded;
    }

    private static int RenderScene(RenderJobSpec spec, RenderSettings settings, string? devices, string target, CliConsole console)
    {
        var output = console.Out;
        var loaded = LoadScene(spec.Scene, settings, spec.FirstFrame, console);
        if (loaded is null)
        {
            return ExitCodes.BadInput;
        }

        using var catalog = new DeviceCatalog();
        var device = Open(catalog, devices, output);
        var watch = new Stopwatch();
        for (int f = spec.FirstFrame; f < spec.FirstFrame + spec.FrameCount; f++)
        {
            var frameScene = FrameScene.Create(loaded.Geometry, f, settings);

            if (f == spec.FirstFrame)
            {
                output.WriteLine($"camera: {frameScene.CameraName}; integrator: {settings.Integrator.ToString().ToLowerInvariant()}");
            }

            var frame = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, f);
            var buffer = new FrameBuffer(spec.Width, spec.Height);
            watch.Start();
            device.Render(frameScene, frame, new PixelRect(0, 0, spec.Width, spec.Height), buffer.Pixels);
            watch.Stop();
            foreach (string path in Write(target, f, buffer, spec.FrameCount > 1))
            {
                output.WriteLine($"wrote {path}");
            }
        }

        PrintRate(spec, watch.Elapsed.TotalSeconds, output);
        return ExitCodes.Ok;
    }

    private static IRenderDevice Open(DeviceCatalog catalog, string? devices, TextWriter output)
    {
        var device = devices is null ? catalog.OpenBest() : catalog.Open(DeviceSelection.Parse(devices, Environment.ProcessorCount))[0];
        output.WriteLine($"device: {device.Info.Id} {device.Info.Name} ({device.Info.Backend})");
        return device;
    }

    private static void PrintRate(RenderJobSpec spec, double seconds, TextWriter output)
    {
        long samples = spec.PixelSamplesPerFrame * spec.FrameCount;
        output.WriteLine($"rendered {spec.Width}x{spec.Height}x{spec.SamplesPerPixel} in {seconds:F2} s " +
            $"({samples / seconds / 1e6:F2} Msamples/s)");
    }

    private static bool TryIntegrator(string? text, bool gltf, out Integrator integrator)
    {
        integrator = gltf ? Integrator.Full : Integrator.Naive;
        switch (text?.ToLowerInvariant())
        {
            case null:
                return true;
            case "naive":
                integrator = Integrator.Naive;
                return true;
            case "full":
                integrator = Integrator.Full;
                return true;
            default:
                return false;
        }
    }

    private static bool TryFrameRange(int? single, string? range, out int first, out int count, out string? error)
    {
        first = 0;
        count = 1;
        error = null;
        if (single is not null && range is not null)
        {
            error = "give either --frame or --frames, not both";
            return false;
        }

        if (single is not null)
        {
            first = single.Value;
            return true;
        }

        if (range is null)
        {
            return true;
        }

        var parts = range.Split('-', 2);
        int last = 0;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first) ||
            (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first)))
        {
            error = $"--frames is '{range}'; use A-B with 0 <= A <= B, or a single frame number";
            return false;
        }

        count = parts.Length == 2 ? last - first + 1 : 1;
        return true;
    }

    private static string[] Write(string target, int frame, FrameBuffer buffer, bool numbered)
    {
        string ext = Path.GetExtension(target);
        if (ext.Length > 0)
        {
            string path = numbered
                ? Path.Combine(
                    Path.GetDirectoryName(target) ?? string.Empty,
                    string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(target)}-{frame:D4}{ext}"))
                : target;
            FrameFiles.Write(path, buffer);
            return [path];
        }

        string stem = Path.Combine(target, string.Create(CultureInfo.InvariantCulture, $"frame-{frame:D4}"));
        FrameFiles.Write(stem + ".png", buffer);
        FrameFiles.Write(stem + ".pfm", buffer);
        return [stem + ".png", stem + ".pfm"];
    }
}
