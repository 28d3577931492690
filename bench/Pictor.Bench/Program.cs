using System.Globalization;
using Pictor.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Pictor.Bench cpu|gpu|quality|scene [--size N] [--spp N] [--threads N] [--runs N] [--rmse X] " +
        "[--ref-spp N] [--triangles N] [--file SCENE.glb]");
    return 2;
}

return options.Mode switch
{
    "cpu" => CpuBench.Run(options),
    "gpu" => GpuBench.Run(options),
    "quality" => QualityBench.Run(options),
    _ => SceneBench.Run(options),
};
