using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>One tile of a rendered work unit, as verification sees it.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Result">The rendered tile.</param>
internal sealed record TileAttempt(TileRequest Request, TileRenderResult Result)
{
    /// <summary>
    /// When the answer reached the job (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): verification orders
    /// windows by it.
    /// </summary>
    public long ArrivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public int Ordinal => Request.Ordinal;
}
