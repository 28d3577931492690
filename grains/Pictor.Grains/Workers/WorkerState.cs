using Pictor.Contracts.Workers;

namespace Pictor.Grains.Workers;

/// <summary>Persisted state of a worker grain.</summary>
[GenerateSerializer, Alias("pictor.WorkerState")]
public sealed class WorkerState
{
    /// <summary>The latest registration, null before the first.</summary>
    [Id(0)]
    public WorkerRegistration? Registration { get; set; }

    /// <summary>Current status.</summary>
    [Id(1)]
    public WorkerStatus Status { get; set; }

    /// <summary>Why it has that status.</summary>
    [Id(2)]
    public string StatusReason { get; set; } = string.Empty;

    /// <summary>Tiles rendered.</summary>
    [Id(3)]
    public long TilesRendered { get; set; }

    /// <summary>Pixel-samples rendered.</summary>
    [Id(4)]
    public long PixelSamples { get; set; }

    /// <summary>Device seconds spent rendering.</summary>
    [Id(5)]
    public double BusySeconds { get; set; }

    /// <summary>First registration.</summary>
    [Id(6)]
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Last sign of life.</summary>
    [Id(7)]
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Verification record, null until first checked.</summary>
    [Id(8)]
    public TrustRecord? Trust { get; set; }

    /// <summary>The latest verification decisions, newest last (bounded).</summary>
    [Id(9)]
    public List<TrustDecision> Decisions { get; set; } = [];

    /// <summary>
    /// Digests of the latest verdict batches applied (bounded, newest last): a batch sent again, as a retried call does,
    /// is recognised and not applied twice.
    /// </summary>
    [Id(10)]
    public List<string> AppliedBatches { get; set; } = [];
}
