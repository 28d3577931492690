using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>The outcome of one dispatch of a work unit: a result, or the error that stopped it.</summary>
/// <param name="Requests">The renders the unit holds, in its tile order.</param>
/// <param name="Silo">The silo the job sent it to, or null when placement chose.</param>
/// <param name="Samples">The unit's pixel-samples.</param>
/// <param name="Outcome">How the dispatch ended.</param>
/// <param name="Result">The rendered unit, when it came back (it may carry an error).</param>
/// <param name="Error">Why it failed, when it did.</param>
internal sealed record UnitAttempt(
    IReadOnlyList<TileRequest> Requests,
    string? Silo,
    long Samples,
    UnitOutcome Outcome,
    WorkUnitResult? Result,
    Exception? Error)
{
    /// <summary>
    /// When the answer reached the job (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): verification orders
    /// windows by it.
    /// </summary>
    public long ArrivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The error to show: the exception's, else the result's.</summary>
    public string? Message => Error?.Message ?? Result?.Error;
}
