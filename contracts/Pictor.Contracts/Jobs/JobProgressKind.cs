namespace Pictor.Contracts.Jobs;

/// <summary>What a progress event reports.</summary>
[GenerateSerializer, Alias("pictor.JobProgressKind")]
public enum JobProgressKind
{
    /// <summary>A tile was rendered and recorded.</summary>
    TileCompleted = 0,

    /// <summary>A tile attempt failed and will be retried.</summary>
    TileRetried = 1,

    /// <summary>A frame was assembled and stored.</summary>
    FrameCompleted = 2,

    /// <summary>The job completed.</summary>
    JobCompleted = 3,

    /// <summary>The job failed.</summary>
    JobFailed = 4,

    /// <summary>Some tiles wait for a worker that is not in view (e.g. an independent checker); the message says which.</summary>
    Waiting = 5,
}
