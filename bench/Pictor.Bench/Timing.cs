using System.Diagnostics;

namespace Pictor.Bench;

/// <summary>Median wall time of repeated runs after one untimed warm-up run.</summary>
internal static class Timing
{
    public static double MedianSeconds(int runs, Action run)
    {
        run();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    public static double Msamples(int size, int spp, double seconds) => (double)size * size * spp / seconds / 1e6;
}
