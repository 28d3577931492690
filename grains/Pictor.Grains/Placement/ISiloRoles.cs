using Pictor.Contracts.Silos;

namespace Pictor.Grains.Placement;

/// <summary>Tells which role each silo of the cluster runs, as published in its Orleans silo metadata.</summary>
/// <remarks>
/// The local silo's role is always known. A remote silo's role is known once this silo has fetched its metadata,
/// shortly after the silo appears in membership; until then (and for a silo that published none) it is unknown,
/// and both <see cref="IsCore"/> and <see cref="IsWorker"/> answer false for it. Answers are cheap (a dictionary
/// lookup), so placement directors may call them per placement.
/// </remarks>
public interface ISiloRoles
{
    /// <summary>This silo's role.</summary>
    SiloRole LocalRole { get; }

    /// <summary>The role a silo published, or null while it is not known.</summary>
    /// <param name="silo">The silo.</param>
    /// <returns>Its role, or null.</returns>
    SiloRole? GetRole(SiloAddress silo);

    /// <summary>Whether a silo hosts jobs, frames, the ledger and worker records (role core or all).</summary>
    /// <param name="silo">The silo.</param>
    /// <returns>False for worker silos and for silos whose role is not known yet.</returns>
    bool IsCore(SiloAddress silo);

    /// <summary>Whether a silo takes tile work (role worker or all).</summary>
    /// <param name="silo">The silo.</param>
    /// <returns>False for core silos and for silos whose role is not known yet.</returns>
    bool IsWorker(SiloAddress silo);
}
