using Pictor.Contracts.Jobs;

namespace Pictor.Grains;

/// <summary>Settings of the grid's job engine; bound from configuration section <see cref="Section"/>.</summary>
public sealed class GridOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Grid";

    /// <summary>Tiles one job keeps in flight at once.</summary>
    public int MaxTilesInFlightPerJob { get; set; } = 8;

    /// <summary>How long one tile attempt may take before the job gives up on it and re-issues it.</summary>
    public TimeSpan TileTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts per tile before the job fails.</summary>
    public int MaxTileAttempts { get; set; } = 3;

    /// <summary>Attempts of a ledger credit call before the job fails.</summary>
    public int MaxCreditAttempts { get; set; } = 5;

    /// <summary>Job limits applied before any work starts.</summary>
    public JobSpecLimits Limits { get; set; } = JobSpecLimits.Default;

    /// <summary>Most tiles (over all frames) in one job; bounds the job's state.</summary>
    public long MaxTilesPerJob { get; set; } = 10_000_000;
}
