using System.Globalization;

namespace Pictor.Bench;

/// <summary>Command line of the bench: <c>cpu|gpu|quality|scene [--size N] [--spp N] [--threads N] [--runs N] …</c>.</summary>
internal sealed record BenchOptions(string Mode, int Size, int Spp, int Threads, int Runs)
{
    private static readonly string[] Modes = ["cpu", "gpu", "quality", "scene"];

    /// <summary>Target RMSE of the <c>quality</c> mode.</summary>
    public double Rmse { get; init; } = 0.03;

    /// <summary>Samples per pixel of the converged reference of the <c>quality</c> mode.</summary>
    public int ReferenceSpp { get; init; } = 4096;

    /// <summary>Triangles of the synthetic mesh of the <c>scene</c> mode.</summary>
    public int Triangles { get; init; } = 1_000_000;

    /// <summary>A glTF file for the <c>scene</c> mode instead of the synthetic mesh.</summary>
    public string? File { get; init; }

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || !Modes.Contains(args[0]))
        {
            return null;
        }

        bool gpu = args[0] == "gpu";
        var options = new BenchOptions(
            args[0], gpu ? 1024 : (args[0] == "quality" ? 128 : 256), gpu ? 256 : (args[0] == "scene" ? 4 : 16), 2, 5);
        for (int i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            string value = args[i + 1];
            bool isCount = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1;
            switch (args[i])
            {
                case "--size" when isCount: options = options with { Size = n }; break;
                case "--spp" when isCount: options = options with { Spp = n }; break;
                case "--threads" when isCount: options = options with { Threads = n }; break;
                case "--runs" when isCount: options = options with { Runs = n }; break;
                case "--ref-spp" when isCount: options = options with { ReferenceSpp = n }; break;
                case "--triangles" when isCount: options = options with { Triangles = n }; break;
                case "--rmse" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && r > 0:
                    options = options with { Rmse = r };
                    break;
                case "--file": options = options with { File = value }; break;
                default: return null;
            }
        }

        return options;
    }
}
