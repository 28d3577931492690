using System.Globalization;

/// <summary>CPU seconds used by this process and by its render threads (named <c>pictor-render …</c>), from /proc (Linux).</summary>
/// <remarks>Counts what the threads actually ran, so a shared machine's other load distorts it far less than wall time.</remarks>
internal readonly record struct CpuTimes(double Process, double Render)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.

    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Process - b.Process, a.Render - b.Render);

    /// <summary>CPU seconds per thread name so far (for finding what keeps an idle grid busy).</summary>
    public static Dictionary<string, double> ByThread()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string task in Directory.Exists("/proc/self/task") ? Directory.EnumerateDirectories("/proc/self/task") : [])
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                string comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                double seconds = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                result[comm] = result.GetValueOrDefault(comm) + seconds;
            }
            catch (IOException)
            {
            }
        }

        return result;
    }

    public static CpuTimes Read()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return default;
        }

        double process = 0, render = 0;
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                string comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();

                // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                double seconds = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                process += seconds;
                if (comm.StartsWith("pictor-render", StringComparison.Ordinal))
                {
                    render += seconds;
                }
            }
            catch (IOException)
            {
                // The thread ended while we read it; its time is lost from both sums alike.
            }
        }

        return new CpuTimes(process, render);
    }
}
