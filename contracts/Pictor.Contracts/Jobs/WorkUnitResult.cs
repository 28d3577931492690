namespace Pictor.Contracts.Jobs;

/// <summary>A rendered work unit: one result per tile, in the unit's order, and who rendered it on what.</summary>
/// <param name="UnitId">The unit's id (its unit grain's key).</param>
/// <param name="WorkerId">The worker (device slot) that rendered it; on failure the worker at fault, empty when none is.</param>
/// <param name="Tiles">One result per tile of the unit, in the unit's order; empty on failure.</param>
/// <param name="RenderSeconds">Time the device spent on the whole unit, in seconds.</param>
/// <param name="Error">Why the unit was not rendered, null on success.</param>
/// <param name="Misplaced">
/// The unit reached a silo none of whose slots may take it (placement worked from a stale view of the grid): no fault
/// of the unit or of any worker; place it again.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.TileWorkResult")]
public sealed record WorkUnitResult(
    [property: Id(0)] string UnitId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] IReadOnlyList<TileRenderResult> Tiles,
    [property: Id(3)] double RenderSeconds,
    [property: Id(4)] string? Error = null,
    [property: Id(5)] bool Misplaced = false)
{
    /// <summary>Whether the unit was rendered.</summary>
    public bool Succeeded => Error is null;
}
