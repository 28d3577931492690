namespace Pictor.Contracts.Jobs;

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer, Alias("pictor.JobPhase")]
public enum JobPhase
{
    /// <summary>No job has been submitted under this id.</summary>
    None = 0,

    /// <summary>Tiles are being rendered.</summary>
    Running = 1,

    /// <summary>Every frame is rendered and stored.</summary>
    Completed = 2,

    /// <summary>The job stopped on an error it could not recover from.</summary>
    Failed = 3,

    /// <summary>The creator cancelled the job.</summary>
    Cancelled = 4,
}
