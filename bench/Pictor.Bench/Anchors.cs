using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pictor.Bench;

/// <summary>Finds, builds and runs the native anchors of <c>shared/anchors/cornell-spheres</c>.</summary>
/// <remarks>
/// The anchors directory is <c>$PICTOR_ANCHORS</c> when set, else <c>../shared/anchors</c> next to the repository root.
/// Binaries go to <c>bench/Pictor.Bench/obj/anchors</c> (ignored by git) and are rebuilt when the source is newer.
/// </remarks>
internal sealed partial class Anchors(string sourceDirectory, string buildDirectory)
{
    public string SourceDirectory { get; } = sourceDirectory;

    public static Anchors? Locate(out string searched)
    {
        string root = FindRepoRoot() ?? Directory.GetCurrentDirectory();
        string? fromEnv = Environment.GetEnvironmentVariable("PICTOR_ANCHORS");
        string anchors = string.IsNullOrEmpty(fromEnv)
            ? Path.GetFullPath(Path.Combine(root, "..", "shared", "anchors"))
            : Path.GetFullPath(fromEnv);
        string scene = Path.Combine(anchors, "cornell-spheres");
        searched = scene;
        if (!File.Exists(Path.Combine(scene, "pt.cpp")))
        {
            // Accept PICTOR_ANCHORS pointing at the scene folder itself.
            scene = anchors;
            if (!File.Exists(Path.Combine(scene, "pt.cpp")))
            {
                return null;
            }
        }

        return new Anchors(scene, Path.Combine(root, "bench", "Pictor.Bench", "obj", "anchors"));
    }

    /// <summary>Builds pt.cpp exactly as the anchor's README does.</summary>
    public string BuildCpu() =>
        Build("pt.cpp", "pt", "g++", "-O3 -march=native -ffast-math -fopenmp -o {out} {src}");

    /// <summary>Builds pt.cu for the local GPU.</summary>
    public string BuildCuda() =>
        Build("pt.cu", "ptcu", "nvcc", "-O3 -arch=native -use_fast_math -o {out} {src}");

    public static AnchorResult Run(string binary, IEnumerable<string> arguments, int? ompThreads)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (ompThreads is int threads)
        {
            start.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = ResultLine().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"{binary} exited with {process.ExitCode}: {output}{errors}");
        }

        return new AnchorResult(
            double.Parse(match.Groups["rate"].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups["mean"].Value, CultureInfo.InvariantCulture));
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    private string Build(string source, string name, string compiler, string argumentTemplate)
    {
        string src = Path.Combine(SourceDirectory, source);
        string output = Path.Combine(buildDirectory, name);
        if (File.Exists(output) && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(src))
        {
            return output;
        }

        Directory.CreateDirectory(buildDirectory);
        var start = new ProcessStartInfo(compiler) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in argumentTemplate.Split(' '))
        {
            start.ArgumentList.Add(
                argument.Replace("{out}", output, StringComparison.Ordinal).Replace("{src}", src, StringComparison.Ordinal));
        }

        Console.WriteLine($"building anchor: {compiler} {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {compiler}.");
        string errors = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{compiler} failed ({process.ExitCode}): {errors}");
        }

        return output;
    }

    private static string? FindRepoRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pictor.Grid.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<rate>[0-9.]+) Msamples/s mean (radiance )?(?<mean>[0-9.]+)")]
    private static partial Regex ResultLine();
}
