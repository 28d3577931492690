namespace Pictor.Bench;

/// <summary>Command line of the bench: <c>cpu|gpu [--size N] [--spp N] [--threads N] [--runs N]</c>.</summary>
internal sealed record BenchOptions(string Mode, int Size, int Spp, int Threads, int Runs)
{
    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || (args[0] != "cpu" && args[0] != "gpu"))
        {
            return null;
        }

        bool gpu = args[0] == "gpu";
        int size = gpu ? 1024 : 256;
        int spp = gpu ? 256 : 16;
        int threads = 2;
        int runs = 5;
        for (int i = 1; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out int value) || value < 1)
            {
                return null;
            }

            switch (args[i])
            {
                case "--size": size = value; break;
                case "--spp": spp = value; break;
                case "--threads": threads = value; break;
                case "--runs": runs = value; break;
                default: return null;
            }

            i++;
        }

        return new BenchOptions(args[0], size, spp, threads, runs);
    }
}
