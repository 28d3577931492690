using Pictor.Contracts.Security;

namespace Pictor.Contracts.Jobs;

/// <summary>Renders one work unit (one or more tiles of a frame) on a device of the silo it is activated on.</summary>
/// <remarks>
/// Keyed by unit id <c>{job}/{frame}/{tiles}</c> (<see cref="TilePlan.UnitId"/>; a one-tile unit's id is its tile id).
/// Rendering is idempotent: a repeated call returns the stored result.
/// </remarks>
[Alias("pictor.ITileGrain")]
public interface IWorkUnitGrain : IGrainWithStringKey
{
    /// <summary>Renders the unit, or returns the result already rendered.</summary>
    /// <param name="work">The work unit; its unit id must equal this grain's key.</param>
    /// <returns>The pixels of each tile and who rendered them.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Render")]
    Task<WorkUnitResult> RenderAsync(WorkUnit work);

    /// <summary>Drops the stored pixels once the frame that holds them is stored.</summary>
    /// <returns>A task that completes when the state is cleared.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Release")]
    Task ReleaseAsync();
}
