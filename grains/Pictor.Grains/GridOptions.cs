using Pictor.Contracts.Jobs;

namespace Pictor.Grains;

/// <summary>Settings of the grid's job engine; bound from configuration section <see cref="Section"/>.</summary>
public sealed class GridOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Grid";

    /// <summary>Most tiles one job keeps in flight at once; 0 lets the grid decide (two work units per eligible device slot).</summary>
    public int MaxTilesInFlightPerJob { get; set; }

    /// <summary>Target compute time of one work unit on the device it goes to, in seconds.</summary>
    /// <remarks>
    /// A unit's fixed cost (grain call, scene lookup, result transfer, bookkeeping) is about a millisecond of CPU on the
    /// embedded grid; a quarter of a second keeps it well under 3 % while units stay small enough to balance the end of
    /// a frame. Units shrink towards one tile as a job runs out of work.
    /// </remarks>
    public double WorkUnitSeconds { get; set; } = 0.25;

    /// <summary>Most pixels in one work unit (bounds a result message: 12 bytes a pixel).</summary>
    public int MaxUnitPixels { get; set; } = 1 << 20;

    /// <summary>How long one tile attempt may take before the job gives up on it and re-issues it.</summary>
    public TimeSpan TileTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Failed attempts per tile (worker faults, device errors, timeouts) before the job fails; unreachable silos do not
    /// count.
    /// </summary>
    public int MaxTileAttempts { get; set; } = 8;

    /// <summary>How long a tile whose silo cannot be reached is retried before the job fails; must outlast failure detection.</summary>
    /// <remarks>A killed silo is declared dead after membership probes and votes (about 10-20 s by default); its tiles then move.</remarks>
    public TimeSpan SiloLossRetryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Failed tiles after which a worker is blocklisted for the rest of a job.</summary>
    public int WorkerFailuresBeforeBlocklist { get; set; } = 3;

    /// <summary>How often each silo reports its device capacity, and each silo refreshes its view of the grid.</summary>
    public TimeSpan CapacityReportInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A silo silent this long is dropped from placement and its workers are marked offline.</summary>
    public TimeSpan SiloReportTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Network minimum spec: a device slower than this on the standard benchmark gets no work (Msamples/s).</summary>
    public double MinimumMsamplesPerSecond { get; set; } = 0.5;

    /// <summary>Network minimum spec: device memory in bytes.</summary>
    public long MinimumDeviceMemoryBytes { get; set; } = 1L << 30;

    /// <summary>Attempts of a ledger credit call before the job fails.</summary>
    public int MaxCreditAttempts { get; set; } = 5;

    /// <summary>
    /// Ledger entries (credits, refusals, confirmations) a job gathers before it sends them in one batch; 1 sends every
    /// verification step's at once.
    /// </summary>
    /// <remarks>
    /// A job also sends its batch before it stores a frame, when it ends, and once it is <see cref="LedgerBatchDelay"/>
    /// old.
    /// </remarks>
    public int LedgerBatchTiles { get; set; } = 4096;

    /// <summary>The longest a job's ledger entries wait before they are sent.</summary>
    public TimeSpan LedgerBatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Spot-check verification and adaptive trust.</summary>
    public Verification.VerificationOptions Verification { get; set; } = new();

    /// <summary>Job limits applied before any work starts.</summary>
    public JobSpecLimits Limits { get; set; } = JobSpecLimits.Default;

    /// <summary>Most tiles (over all frames) in one job; bounds the job's state.</summary>
    public long MaxTilesPerJob { get; set; } = 10_000_000;
}
