using System.Globalization;
using Pictor.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Pictor.Bench cpu|gpu [--size N] [--spp N] [--threads N] [--runs N]");
    return 2;
}

return options.Mode == "cpu" ? CpuBench.Run(options) : GpuBench.Run(options);
