using Pictor.Contracts.Security;

namespace Pictor.Contracts.Jobs;

/// <summary>A render job: plans tiles, dispatches them, assembles and stores frames, credits workers.</summary>
/// <remarks>Keyed by job id. Submitting the same spec twice under one id is accepted once and answered with the status.</remarks>
[Alias("pictor.IRenderJobGrain")]
public interface IRenderJobGrain : IGrainWithStringKey
{
    /// <summary>Validates and starts the job; returns at once with its status.</summary>
    /// <param name="spec">What to render.</param>
    /// <returns>The job's status after submission.</returns>
    /// <exception cref="ArgumentException">The spec is invalid, or a different spec was already submitted under this id.</exception>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("Submit")]
    Task<JobStatus> SubmitAsync(RenderJobSpec spec);

    /// <summary>Returns the job's progress.</summary>
    /// <returns>The status.</returns>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("GetStatus")]
    Task<JobStatus> GetStatusAsync();

    /// <summary>Cancels a running job; finished tiles stay credited.</summary>
    /// <returns>The status after cancelling.</returns>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("Cancel")]
    Task<JobStatus> CancelAsync();
}
