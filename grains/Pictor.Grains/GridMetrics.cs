using System.Diagnostics.Metrics;

namespace Pictor.Grains;

/// <summary>The grid's metrics, under meter <see cref="MeterName"/>.</summary>
public static class GridMetrics
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "Pictor.Grid";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Tiles rendered on this silo.</summary>
    public static Counter<long> TilesRendered { get; } = Meter.CreateCounter<long>("pictor.tiles.rendered", "{tile}");

    /// <summary>Work units (one device call each, one or more tiles) rendered on this silo.</summary>
    public static Counter<long> UnitsRendered { get; } = Meter.CreateCounter<long>("pictor.units.rendered", "{unit}");

    /// <summary>Pixel-samples rendered on this silo.</summary>
    public static Counter<long> PixelSamples { get; } = Meter.CreateCounter<long>("pictor.pixel_samples", "{sample}");

    /// <summary>Device time per work unit.</summary>
    public static Histogram<double> UnitSeconds { get; } = Meter.CreateHistogram<double>("pictor.unit.duration", "s");

    /// <summary>Tile attempts that failed or timed out and were re-issued.</summary>
    public static Counter<long> TileRetries { get; } = Meter.CreateCounter<long>("pictor.tiles.retried", "{tile}");

    /// <summary>Renders that verification found wrong.</summary>
    public static Counter<long> TilesRejected { get; } = Meter.CreateCounter<long>("pictor.tiles.rejected", "{tile}");

    /// <summary>Credits recorded by the ledger.</summary>
    public static Counter<long> CreditsApplied { get; } = Meter.CreateCounter<long>("pictor.credits.applied", "{credit}");

    /// <summary>Credits refused as duplicates.</summary>
    public static Counter<long> CreditsDuplicate { get; } = Meter.CreateCounter<long>("pictor.credits.duplicate", "{credit}");

    /// <summary>Grain calls the caller guard refused (a caller the method does not admit).</summary>
    public static Counter<long> CallsRefused { get; } = Meter.CreateCounter<long>("pictor.calls.refused", "{call}");
}
