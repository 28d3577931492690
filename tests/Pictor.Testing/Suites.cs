namespace Pictor.Testing;

/// <summary>The values of the <c>Suite</c> trait every test carries (see tests/README.md): what a test needs to run.</summary>
public static class Suites
{
    /// <summary>The trait's name: <c>[Trait("Suite", Suites.Fast)]</c>, filtered with <c>--filter Suite=fast</c>.</summary>
    public const string Trait = "Suite";

    /// <summary>Plain code: no silo, no process, no server (temp files allowed); milliseconds to seconds.</summary>
    public const string Fast = "fast";

    /// <summary>Starts Orleans silos in the test process: the harness's test cluster, or the production hosts.</summary>
    public const string Cluster = "cluster";

    /// <summary>Needs an outside program: PostgreSQL, anvil, npm/solc, or the <c>pictor</c> command end to end.</summary>
    public const string Integration = "integration";

    /// <summary>Starts <c>pictor silo</c> processes and kills or signals them (the multi-process failover suites).</summary>
    public const string Process = "process";

    /// <summary>Every value allowed.</summary>
    public static IReadOnlyList<string> All { get; } = [Fast, Cluster, Integration, Process];
}
