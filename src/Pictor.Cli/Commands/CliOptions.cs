using System.CommandLine;
using Pictor.Contracts.Jobs;

namespace Pictor.Cli.Commands;

/// <summary>Options shared by several verbs.</summary>
internal static class CliOptions
{
    public static Option<int> Width(int defaultValue) => new("--width")
    {
        Description = "Frame width in pixels.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<int> Height(int defaultValue) => new("--height")
    {
        Description = "Frame height in pixels.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<int> Spp(int defaultValue) => new("--spp")
    {
        Description = "Samples per pixel.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<int> Tile() => new("--tile") { Description = "Tile edge in pixels.", DefaultValueFactory = _ => 64 };

    public static Option<uint> Seed() => new("--seed")
    {
        Description = "Seed of the random streams; the same seed gives the same image.",
        DefaultValueFactory = _ => 0u,
    };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Show information-level logs on standard error." };

    public static Option<string?> DataDirectory() => new("--data")
    {
        Description = "Data directory of the embedded grid (default from config, ./.pictor).",
    };

    public static Option<int?> DashboardPort() => new("--dashboard-port")
    {
        Description = "Dashboard port on 127.0.0.1 (0 picks a free one).",
    };

    public static Option<int?> SiloPort() => new("--silo-port") { Description = "Silo port of the embedded grid (0 picks a free one)." };

    public static Option<int?> GatewayPort() => new("--gateway-port")
    {
        Description = "Gateway port of the embedded grid (0 picks a free one).",
    };

    /// <summary>Prints a spec's problems and returns false when it is invalid.</summary>
    public static bool CheckSpec(RenderJobSpec spec, TextWriter error)
    {
        var problems = JobSpecValidator.Validate(spec, JobSpecLimits.Default);
        foreach (string problem in problems)
        {
            error.WriteLine($"error: {problem}");
        }

        return problems.Count == 0;
    }
}
