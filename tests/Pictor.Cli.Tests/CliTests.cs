using System.Text.RegularExpressions;

namespace Pictor.Cli.Tests;

[Collection(nameof(CliTests))]
public sealed partial class CliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pictor-cli-{Guid.NewGuid():N}");

    private string[] DemoArgs(string outDir) =>
    [
        "demo", "--out", outDir, "--data", Path.Combine(_root, "data"), "--workers", "2",
        "--width", "64", "--height", "48", "--spp", "4", "--tile", "16",
        "--dashboard-port", "0", "--silo-port", "0", "--gateway-port", "0",
    ];

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Demo_WritesPngAndPfm_ByteIdenticalToLocalRender()
    {
        string outDir = Path.Combine(_root, "out");
        var demo = await CliRun.RunAsync(DemoArgs(outDir));
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        Assert.Matches(JobLine(), demo.Line("job: "));
        Assert.Matches(RenderedLine(), demo.Line("rendered 64x48x4 in "));
        Assert.StartsWith("dashboard: http://127.0.0.1:", demo.Line("dashboard: "), StringComparison.Ordinal);
        var (credits, amount) = Ledger(demo);
        Assert.True(credits >= 12 && amount >= 12_288, demo.Line("ledger: "));
        byte[] png = await File.ReadAllBytesAsync(Path.Combine(outDir, "frame-0000.png"));
        Assert.Equal((byte)'P', png[1]);

        string local = Path.Combine(_root, "local.pfm");
        var render = await CliRun.RunAsync(
            "render", "builtin:cornell-spheres", "--local", "--width", "64", "--height", "48", "--spp", "4", "--out", local);
        Assert.True(render.ExitCode == 0, render.Output + render.Error);
        Assert.Matches(RenderedLine(), render.Line("rendered 64x48x4 in "));
        Assert.Equal(await File.ReadAllBytesAsync(local), await File.ReadAllBytesAsync(Path.Combine(outDir, "frame-0000.pfm")));
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Demo_SecondRunOnTheSameData_ShowsTheFirstRunsCredits()
    {
        var first = await CliRun.RunAsync(DemoArgs(Path.Combine(_root, "a")));
        var second = await CliRun.RunAsync(DemoArgs(Path.Combine(_root, "b")));
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);
        // Each run pays 12 tile renders of 1,024 pixel-samples, plus the checks verification made.
        var (firstCredits, firstAmount) = Ledger(first);
        var (secondCredits, secondAmount) = Ledger(second);
        Assert.True(firstCredits >= 12 && firstAmount >= 12_288, first.Line("ledger: "));
        Assert.True(secondCredits >= firstCredits + 12 && secondAmount >= firstAmount + 12_288, second.Line("ledger: "));
        Assert.NotEqual(first.Line("job: "), second.Line("job: "));
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("error: width is 0", "render", "builtin:cornell-spheres", "--local", "--width", "0", "--out", "x.png")]
    [InlineData("error: spp is -4", "render", "builtin:cornell-spheres", "--local", "--spp", "-4", "--out", "x.png")]
    [InlineData("error: scene 'builtin:teapot' is unknown", "render", "builtin:teapot", "--local", "--out", "x.png")]
    [InlineData("error: cannot write 'x.jpg'", "render", "builtin:cornell-spheres", "--local", "--out", "x.jpg")]
    [InlineData("error: tile is 4", "demo", "--tile", "4")]
    [InlineData("error: --workers is 0", "demo", "--workers", "0")]
    public async Task BadInput_ExitsWithTwoAndAClearMessage(string expected, params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("job: ", run.Output, StringComparison.Ordinal);
    }

    private static (long Credits, long Amount) Ledger(CliRun run)
    {
        var match = LedgerLine().Match(run.Line("ledger: "));
        Assert.True(match.Success, run.Line("ledger: "));
        return (
            long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(
                match.Groups[2].Value.Replace(",", string.Empty, StringComparison.Ordinal),
                System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [GeneratedRegex(@"^ledger: (\d+) credits, ([\d,]+) in total$")]
    private static partial Regex LedgerLine();

    [GeneratedRegex(@"^job: \d{8}-\d{6}-[0-9a-f]{6}$")]
    private static partial Regex JobLine();

    [GeneratedRegex(@"^rendered \d+x\d+x\d+ in \d+\.\d\d s \(\d+\.\d\d Msamples/s\)$")]
    private static partial Regex RenderedLine();
}
