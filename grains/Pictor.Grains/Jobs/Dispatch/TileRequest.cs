using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A render the job wants: the first render of a tile, a check of it, or a tie-break between two renders.</summary>
/// <param name="Ordinal">The tile's ordinal in the job.</param>
/// <param name="Kind">Why it is rendered.</param>
/// <param name="Prior">The renders being checked (their workers are excluded from this one).</param>
/// <param name="VouchUpTo">
/// For a check that closes a window (<see cref="VerificationStep.CloseWindows"/>): the window entries (by sequence) of the
/// first worker that a pass confirms. -1 for every other check: a check drawn during the job confirms only its own tile.
/// </param>
/// <param name="Drawn">
/// For a check or tie-break: the sequence number its tile got when it was drawn, so the worker's window knows which of its
/// checks are undecided (<see cref="VerificationRun.ClosableEntries"/>); -1 when none was given.
/// </param>
internal sealed record TileRequest(
    int Ordinal, AttemptKind Kind, IReadOnlyList<TileRenderResult> Prior, long VouchUpTo = -1, long Drawn = -1)
{
    public static TileRequest Primary(int ordinal) => new(ordinal, AttemptKind.Primary, []);
}
