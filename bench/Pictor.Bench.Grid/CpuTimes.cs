using System.Globalization;

/// <summary>
/// CPU seconds used by this process, by its render threads (named <c>pictor-render …</c>) and by the JIT's tiering
/// thread, from /proc (Linux).
/// </summary>
/// <remarks>Counts what the threads actually ran, so a shared machine's other load distorts it far less than wall time.</remarks>
internal readonly record struct CpuTimes(double Process, double Render, double Jit)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.

    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Process - b.Process, a.Render - b.Render, a.Jit - b.Jit);

    /// <summary>CPU seconds per thread name so far (for finding what keeps an idle grid busy).</summary>
    public static Dictionary<string, double> ByThread()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string task in Directory.Exists("/proc/self/task") ? Directory.EnumerateDirectories("/proc/self/task") : [])
        {
            try
            {
                string comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                result[comm] = result.GetValueOrDefault(comm) + Seconds(File.ReadAllText(Path.Combine(task, "stat")));
            }
            catch (IOException)
            {
                // The thread ended while we read it; its time drops out of every sum alike.
            }
        }

        return result;
    }

    /// <summary>The process's CPU seconds so far, split into render threads, the JIT's background tiering, and the rest.</summary>
    /// <remarks>
    /// The process total comes from <c>/proc/self/stat</c>, which keeps the time of threads that have exited
    /// (thread-pool threads come and go); render and JIT threads live as long as the grid.
    /// </remarks>
    public static CpuTimes Read()
    {
        double render = 0, jit = 0;
        foreach (var (name, seconds) in ByThread())
        {
            if (name.StartsWith("pictor-render", StringComparison.Ordinal))
            {
                render += seconds;
            }
            else if (name.StartsWith(".NET Tiered", StringComparison.Ordinal))
            {
                jit += seconds;
            }
        }

        return new CpuTimes(Seconds(File.Exists("/proc/self/stat") ? File.ReadAllText("/proc/self/stat") : null), render, jit);
    }

    private static double Seconds(string? stat)
    {
        if (stat is null)
        {
            return 0;
        }

        // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double user = double.Parse(fields[11], CultureInfo.InvariantCulture);
        double system = double.Parse(fields[12], CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }
}
