using Pictor.Contracts.Workers;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A verdict on one worker's render, for its trust record.</summary>
/// <param name="WorkerId">The worker.</param>
/// <param name="Decision">The verdict and why.</param>
internal sealed record WorkerVerdict(string WorkerId, TrustDecision Decision);
