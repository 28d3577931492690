namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>What the dispatcher made of a unit that came back.</summary>
/// <param name="Rendered">Its tiles, when it rendered (for verification).</param>
/// <param name="Notices">Events for the job's watchers.</param>
/// <param name="JobError">Set when the job must fail: a tile used up its attempts, or its silo stayed unreachable too long.</param>
internal sealed record UnitReturn(IReadOnlyList<TileAttempt> Rendered, IReadOnlyList<RetryNotice> Notices, string? JobError = null);
