using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pictor.Contracts.Jobs;

/// <summary>
/// What one work unit's result costs to serialize and deserialize between silos, as the grid sends it and as a plain
/// float array.
/// </summary>
internal static class WireBench
{
    public static void Run(int pixels)
    {
        using var services = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(TileRenderResult).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var floats = new float[pixels * 3];
        var random = new Random(1);
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)random.NextDouble();
        }

        var result = new TileRenderResult("job/0/0-255", "host/cuda0", string.Empty, "cuda", floats, pixels * 64L, 0.03);
        int gridBytes = serializer.SerializeToArray(result).Length;
        int plainBytes = serializer.SerializeToArray(floats).Length;
        double grid = Time(() => serializer.Deserialize<TileRenderResult>(serializer.SerializeToArray(result)));
        double plain = Time(() => serializer.Deserialize<float[]>(serializer.SerializeToArray(floats)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wire {pixels} px unit result: as sent (raw bytes) {grid * 1e3:F2} ms, {gridBytes / 1e6:F1} MB | as float[] " +
                $"{plain * 1e3:F2} ms, {plainBytes / 1e6:F1} MB | ratio {plain / grid:F1}x (serialize + deserialize, median of 9)"));
    }

    private static double Time<T>(Func<T> roundTrip)
    {
        roundTrip();
        var times = new List<double>();
        for (int i = 0; i < 9; i++)
        {
            var watch = Stopwatch.StartNew();
            roundTrip();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
