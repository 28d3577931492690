using System.CommandLine;
using System.Globalization;
using Pictor.Chain;
using Pictor.Cli.Sessions;
using Pictor.Contracts.Jobs;
using Pictor.Rendering.Imaging;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor demo</c>: start an embedded grid, render cornell-spheres through it, write the frame, show credits.</summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var outDir = new Option<string>("--out")
        {
            Description = "Directory for frame-0000.png and frame-0000.pfm.",
            DefaultValueFactory = _ => "out",
        };
        var workers = new Option<int?>("--workers") { Description = "CPU worker slots on a CPU-only host (default: one per core)." };
        var width = CliOptions.Width(512);
        var height = CliOptions.Height(512);
        var spp = CliOptions.Spp(64);
        var tile = CliOptions.Tile();
        var seed = CliOptions.Seed();
        var keep = new Option<bool>("--keep") { Description = "Keep the silo and dashboard up until Ctrl+C." };
        var wallet = new Option<string?>("--wallet")
        {
            Description = "Register the demo's workers with this wallet, so their credits can be minted to it.",
        };
        var chain = new ChainFlags();
        var embedded = new EmbeddedSettings();
        var command = new Command("demo", "Render the built-in cornell-spheres scene through an embedded one-silo grid; with a chain, " +
            "close and settle the epoch.")
        {
            outDir, workers, width, height, spp, tile, seed, keep, wallet,
        };
        embedded.AddTo(command);
        chain.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var spec = new RenderJobSpec(
                RenderJobSpec.CornellSpheres, parse.GetValue(width), parse.GetValue(height), parse.GetValue(spp), parse.GetValue(tile), 0,
                1, parse.GetValue(seed));
            int? slots = parse.GetValue(workers);
            if (!CliOptions.CheckSpec(spec, console.Error))
            {
                return ExitCodes.BadInput;
            }

            if (slots is < 1 or > 1024)
            {
                await console.Error.WriteLineAsync($"error: --workers is {slots}; it must be between 1 and 1024");
                return ExitCodes.BadInput;
            }

            string? walletText = parse.GetValue(wallet);
            WalletAddress payee = default;
            if (walletText is not null && (!WalletAddress.TryParse(walletText, out payee) || payee.IsZero))
            {
                await console.Error.WriteLineAsync($"error: --wallet '{walletText}' is not a wallet address (0x and 40 hex digits, with " +
                    $"a valid EIP-55 checksum if mixed case)");
                return ExitCodes.BadInput;
            }

            var (configuration, chainProblem) = chain.Apply(parse, CliConfiguration.Load());
            if (chainProblem is not null)
            {
                await console.Error.WriteLineAsync($"error: {chainProblem}");
                return ExitCodes.BadInput;
            }

            var silo = embedded.Resolve(parse, configuration, slots);
            if (walletText is not null)
            {
                silo.Wallet = payee.Value;
            }

            string dir = parse.GetValue(outDir)!;
            await using var grid = await EmbeddedGridSession.StartAsync(
                silo, configuration, parse.GetValue(embedded.Verbose), cancellationToken);
            int code = await GridRender.RunAsync(grid, spec, (frame, buffer) =>
            {
                string stem = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"frame-{frame.Frame:D4}"));
                FrameFiles.Write(stem + ".png", buffer);
                FrameFiles.Write(stem + ".pfm", buffer);
                return [stem + ".png", stem + ".pfm"];
            }, parse.GetValue(keep), console, cancellationToken);
            if (code != ExitCodes.Ok || !ChainFlags.IsConfigured(configuration))
            {
                return code;
            }

            if (grid.Stopping.IsCancellationRequested || cancellationToken.IsCancellationRequested)
            {
                await console.Error.WriteLineAsync("the grid is stopping: the epoch stays open and is settled on a later run");
                return code;
            }

            return await EpochSettler.CloseAndSettleAsync(grid, console, cancellationToken);
        });
        return command;
    }
}
