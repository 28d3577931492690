namespace Pictor.Contracts.Jobs;

/// <summary>A snapshot of a job's progress.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Phase">Where the job is.</param>
/// <param name="Spec">The spec, null before submission.</param>
/// <param name="TilesTotal">Tiles over all frames.</param>
/// <param name="TilesDone">Tiles rendered and recorded.</param>
/// <param name="FramesDone">Frames assembled and stored.</param>
/// <param name="Error">Why the job failed, when it did.</param>
/// <param name="SubmittedAt">When it was submitted (UTC).</param>
/// <param name="FinishedAt">When it completed, failed or was cancelled (UTC).</param>
/// <param name="Settled">
/// Whether the finished job's reservation has been released, so what it drew from its creator's account is final (true
/// for a finished job that never reserved); it follows the end of the job by a moment.
/// </param>
/// <param name="Waiting">
/// Why a running job makes no progress on some tiles now, e.g. "waiting for an independent checker"; null when nothing waits.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.JobStatus")]
public sealed record JobStatus(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobPhase Phase,
    [property: Id(2)] RenderJobSpec? Spec,
    [property: Id(3)] int TilesTotal,
    [property: Id(4)] int TilesDone,
    [property: Id(5)] int FramesDone,
    [property: Id(6)] string? Error,
    [property: Id(7)] DateTimeOffset? SubmittedAt,
    [property: Id(8)] DateTimeOffset? FinishedAt,
    [property: Id(9)] bool Settled = false,
    [property: Id(10)] string? Waiting = null)
{
    /// <summary>Whether the job will make no more progress.</summary>
    public bool IsFinished => Phase is JobPhase.Completed or JobPhase.Failed or JobPhase.Cancelled;
}
