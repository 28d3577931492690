namespace Pictor.Silo.Hosting;

/// <summary>What a silo hosts.</summary>
public enum SiloRole
{
    /// <summary>Everything: jobs, ledger, scenes and tile work on its own devices (the embedded grid).</summary>
    All = 0,

    /// <summary>Jobs, ledger, frames, workers' records: the grid's bookkeeping, no tile work.</summary>
    Core = 1,

    /// <summary>Tile work on its devices only; it hosts no job, ledger or worker record.</summary>
    Worker = 2,
}
