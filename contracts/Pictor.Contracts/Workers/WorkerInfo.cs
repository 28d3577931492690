namespace Pictor.Contracts.Workers;

/// <summary>A worker's identity, status and counters.</summary>
/// <param name="Registration">What its host registered.</param>
/// <param name="Status">Whether it may receive work.</param>
/// <param name="StatusReason">Why it has that status.</param>
/// <param name="TilesRendered">Tiles it rendered.</param>
/// <param name="PixelSamples">Pixel-samples it computed.</param>
/// <param name="BusySeconds">Device time spent rendering, in seconds.</param>
/// <param name="RegisteredAt">First registration (UTC).</param>
/// <param name="LastSeenAt">Last registration, heartbeat or tile (UTC).</param>
/// <param name="Trust">Its verification record; null when never checked.</param>
/// <param name="RecentDecisions">The latest verification decisions, newest last.</param>
[GenerateSerializer, Immutable, Alias("pictor.WorkerInfo")]
public sealed record WorkerInfo(
    [property: Id(0)] WorkerRegistration Registration,
    [property: Id(1)] WorkerStatus Status,
    [property: Id(2)] string StatusReason,
    [property: Id(3)] long TilesRendered,
    [property: Id(4)] long PixelSamples,
    [property: Id(5)] double BusySeconds,
    [property: Id(6)] DateTimeOffset RegisteredAt,
    [property: Id(7)] DateTimeOffset LastSeenAt,
    [property: Id(8)] TrustRecord? Trust = null,
    [property: Id(9)] IReadOnlyList<TrustDecision>? RecentDecisions = null);
