using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A work unit the dispatcher wants sent, and how.</summary>
/// <param name="Work">The unit.</param>
/// <param name="Requests">The renders it holds, in its tile order.</param>
/// <param name="Silo">The silo chosen for it, or null to let placement choose.</param>
/// <param name="Avoid">Silos placement must avoid (none of their workers may take it).</param>
/// <param name="Samples">Its pixel-samples.</param>
/// <param name="Delay">Back-off before sending (a retry).</param>
internal sealed record UnitOrder(
    WorkUnit Work,
    IReadOnlyList<TileRequest> Requests,
    string? Silo,
    IReadOnlyCollection<string> Avoid,
    long Samples,
    TimeSpan Delay);
