using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs;

/// <summary>Persisted state of a render job: its spec, phase and which tiles and frames are done.</summary>
/// <remarks>The tile plan is derived from the spec, so only one bit per tile and per frame is stored.</remarks>
[GenerateSerializer, Alias("pictor.RenderJobState")]
public sealed class RenderJobState
{
    /// <summary>The submitted spec, null before submission.</summary>
    [Id(0)]
    public RenderJobSpec? Spec { get; set; }

    /// <summary>Where the job is.</summary>
    [Id(1)]
    public JobPhase Phase { get; set; }

    /// <summary>One bit per tile ordinal (frame offset × tiles per frame + tile): rendered, credited, recorded.</summary>
    [Id(2)]
    public byte[] DoneTiles { get; set; } = [];

    /// <summary>Number of set bits in <see cref="DoneTiles"/>.</summary>
    [Id(3)]
    public int TilesDone { get; set; }

    /// <summary>One bit per frame offset: assembled and stored in its frame grain.</summary>
    [Id(4)]
    public byte[] StoredFrames { get; set; } = [];

    /// <summary>Number of set bits in <see cref="StoredFrames"/>.</summary>
    [Id(5)]
    public int FramesDone { get; set; }

    /// <summary>Why the job failed.</summary>
    [Id(6)]
    public string? Error { get; set; }

    /// <summary>When the job was submitted.</summary>
    [Id(7)]
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>When the job finished.</summary>
    [Id(8)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Secret salt of the job's check sampling; never sent to workers, so they cannot tell which tiles are checked.</summary>
    [Id(9)]
    public uint CheckSecret { get; set; }

    /// <summary>
    /// Rejections per tile ordinal: a tile rejected N times is credited as <c>{tile}#rN</c> when rendered again. Written
    /// before the ledger hears of a rejection, so a restart never reuses a refused credit key (an older stored job has
    /// none).
    /// </summary>
    [Id(10)]
    public Dictionary<int, int> Rejections { get; set; } = [];

    /// <summary>
    /// The creator account the job charges: as the spec names it (empty: the operator's) until the reservation is made,
    /// then as the ledger resolved it.
    /// </summary>
    [Id(11)]
    public string ReservationAccount { get; set; } = string.Empty;

    /// <summary>
    /// Credits the job reserves (<c>CreditPricing.Reservation</c>), fixed at submission so that a retried reservation
    /// asks for the same amount; 0 in a job stored before jobs were funded.
    /// </summary>
    [Id(12)]
    public long ReservationCredits { get; set; }

    /// <summary>Whether the ledger holds the job's reservation; no unit is sent before.</summary>
    [Id(13)]
    public bool Reserved { get; set; }

    /// <summary>Whether the job's reservation was released after it ended; the reminder stays until it is.</summary>
    [Id(14)]
    public bool Released { get; set; }
}
