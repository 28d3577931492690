using Pictor.Contracts.Silos;

namespace Pictor.Testing.Cluster;

/// <summary>One silo of a test grid: its worker host name, role, devices and owner wallet.</summary>
/// <param name="Host">The worker host: worker ids are <c>{Host}/{device}</c>; the harness's name for the silo.</param>
public sealed record SiloSpec(string Host)
{
    /// <summary>What the silo hosts: jobs and the ledger (core), work units (worker), or both.</summary>
    public SiloRole Role { get; init; } = SiloRole.All;

    /// <summary>The silo's render devices (none on a core silo, whatever is set here).</summary>
    public GridDevices Devices { get; init; } = GridDevices.Cpu(1);

    /// <summary>The owner wallet credited for the silo's workers; empty for none.</summary>
    public string Wallet { get; init; } = string.Empty;
}
