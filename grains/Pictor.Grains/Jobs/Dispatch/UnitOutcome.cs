namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>How a dispatched work unit ended.</summary>
internal enum UnitOutcome
{
    /// <summary>Rendered: every tile came back, of the right size.</summary>
    Rendered = 0,

    /// <summary>Failed on its own merits (a worker's error, a malformed answer, a timeout): counts towards the tiles' attempts.</summary>
    Failed = 1,

    /// <summary>Its silo could not be reached (<see cref="SiloLoss"/>): no fault of the tiles or a worker.</summary>
    Unreachable = 2,

    /// <summary>Placement sent it to a silo none of whose slots may take it: retried as a grain of its own.</summary>
    Misplaced = 3,
}
