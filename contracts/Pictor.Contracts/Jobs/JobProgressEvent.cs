namespace Pictor.Contracts.Jobs;

/// <summary>A progress event on a job's stream (<see cref="StreamNames.JobProgress"/>, keyed by job id).</summary>
/// <remarks>Streams are for watching, not for accounting: a lost event loses no work or credit.</remarks>
/// <param name="JobId">The job.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Frame">The frame concerned.</param>
/// <param name="TileIndex">The tile concerned, −1 for frame and job events.</param>
/// <param name="WorkerId">The worker that rendered the tile, when there is one.</param>
/// <param name="TilesDone">Tiles done in the whole job after this event.</param>
/// <param name="TilesTotal">Tiles in the whole job.</param>
/// <param name="Message">A human-readable detail (errors, retries).</param>
[GenerateSerializer, Immutable, Alias("pictor.JobProgressEvent")]
public sealed record JobProgressEvent(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobProgressKind Kind,
    [property: Id(2)] int Frame,
    [property: Id(3)] int TileIndex,
    [property: Id(4)] string? WorkerId,
    [property: Id(5)] int TilesDone,
    [property: Id(6)] int TilesTotal,
    [property: Id(7)] string? Message);
