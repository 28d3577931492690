using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pictor.Cli.Sessions;
using Pictor.Contracts.Jobs;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor render SCENE</c>: through an embedded grid, or with <c>--local</c> directly on one device.</summary>
internal static class RenderCommand
{
    public static Command Create(CliConsole console)
    {
        var scene = new Argument<string>("scene") { Description = "The scene: builtin:cornell-spheres." };
        var local = new Option<bool>("--local") { Description = "Render directly on one device, without the grid (the baseline for grid overhead)." };
        var output = new Option<string>("--out") { Description = "Output file (.png or .pfm), or a directory for frame-NNNN.png/.pfm.", Required = true };
        var frame = new Option<int>("--frame") { Description = "Frame number to render.", DefaultValueFactory = _ => 0 };
        var width = CliOptions.Width(512);
        var height = CliOptions.Height(512);
        var spp = CliOptions.Spp(64);
        var tile = CliOptions.Tile();
        var seed = CliOptions.Seed();
        var embedded = new EmbeddedSettings();
        var command = new Command("render", "Render a scene and write the frame; prints the wall time and Msamples/s.")
        {
            scene, local, output, frame, width, height, spp, tile, seed,
        };
        embedded.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var spec = new RenderJobSpec(parse.GetValue(scene)!, parse.GetValue(width), parse.GetValue(height), parse.GetValue(spp), parse.GetValue(tile), parse.GetValue(frame), 1, parse.GetValue(seed));
            string target = parse.GetValue(output)!;
            string ext = Path.GetExtension(target).ToLowerInvariant();
            if (ext.Length > 0 && !FrameFiles.Extensions.Contains(ext))
            {
                await console.Error.WriteLineAsync($"error: cannot write '{target}': use one of {string.Join(", ", FrameFiles.Extensions)}, or a directory");
                return ExitCodes.BadInput;
            }

            if (!CliOptions.CheckSpec(spec, console.Error))
            {
                return ExitCodes.BadInput;
            }

            var configuration = CliConfiguration.Load();
            if (parse.GetValue(local))
            {
                var devices = parse.GetValue(embedded.Devices);
                return RenderLocal(spec, devices, target, console.Out);
            }

            var silo = embedded.Resolve(parse, configuration, null);
            silo.Dashboard = false;
            await using var grid = await EmbeddedGridSession.StartAsync(silo, configuration, parse.GetValue(embedded.Verbose), cancellationToken);
            return await GridRender.RunAsync(grid, spec, (f, buffer) => Write(target, f.Frame, buffer), keep: false, console, cancellationToken);
        });
        return command;
    }

    private static int RenderLocal(RenderJobSpec spec, string? devices, string target, TextWriter output)
    {
        using var catalog = new DeviceCatalog();
        var device = devices is null ? catalog.OpenBest() : catalog.Open(DeviceSelection.Parse(devices, Environment.ProcessorCount))[0];
        output.WriteLine($"device: {device.Info.Id} {device.Info.Name} ({device.Info.Backend})");
        var frame = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, spec.FirstFrame);
        var watch = Stopwatch.StartNew();
        var buffer = LocalRenderer.RenderFrame(device, frame);
        double seconds = watch.Elapsed.TotalSeconds;
        foreach (string path in Write(target, spec.FirstFrame, buffer))
        {
            output.WriteLine($"wrote {path}");
        }

        output.WriteLine($"rendered {spec.Width}x{spec.Height}x{spec.SamplesPerPixel} in {seconds:F2} s ({spec.PixelSamplesPerFrame / seconds / 1e6:F2} Msamples/s)");
        return ExitCodes.Ok;
    }

    private static string[] Write(string target, int frame, FrameBuffer buffer)
    {
        if (Path.GetExtension(target).Length > 0)
        {
            FrameFiles.Write(target, buffer);
            return [target];
        }

        string stem = Path.Combine(target, string.Create(CultureInfo.InvariantCulture, $"frame-{frame:D4}"));
        FrameFiles.Write(stem + ".png", buffer);
        FrameFiles.Write(stem + ".pfm", buffer);
        return [stem + ".png", stem + ".pfm"];
    }
}
