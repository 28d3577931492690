namespace Pictor.Contracts;

/// <summary>Names of the grid's stream provider and stream namespaces.</summary>
public static class StreamNames
{
    /// <summary>The stream provider every silo and client registers.</summary>
    public const string Provider = "pictor";

    /// <summary>Job progress: one stream per job, keyed by job id, carrying <see cref="Jobs.JobProgressEvent"/>.</summary>
    public const string JobProgress = "job-progress";
}
