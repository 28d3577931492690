namespace Pictor.Contracts.Silos;

/// <summary>What a silo hosts in a cluster; published to the other silos as text (<see cref="SiloRoleNames"/>).</summary>
public enum SiloRole
{
    /// <summary>
    /// Everything: jobs, ledger, frames, workers' records and tile work on its own devices (the embedded grid, small
    /// clusters).
    /// </summary>
    All = 0,

    /// <summary>Jobs, ledger, frames, workers' records: the grid's bookkeeping and the client gateway; no tile work.</summary>
    Core = 1,

    /// <summary>Tile work on its devices only; it hosts no job, ledger or worker record, and no client gateway.</summary>
    Worker = 2,
}
