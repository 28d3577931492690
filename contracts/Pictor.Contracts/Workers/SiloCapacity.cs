namespace Pictor.Contracts.Workers;

/// <summary>What a silo reports about its render capacity, a few times a second.</summary>
/// <param name="SiloAddress">The silo, as <c>SiloAddress.ToParsableString()</c>.</param>
/// <param name="Host">The worker host name.</param>
/// <param name="Slots">Its device slots.</param>
/// <param name="QueuedTiles">Tiles waiting for a free slot.</param>
/// <param name="ReportedAt">When the report was made (UTC).</param>
[GenerateSerializer, Immutable, Alias("pictor.SiloCapacity")]
public sealed record SiloCapacity(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string Host,
    [property: Id(2)] IReadOnlyList<SlotCapacity> Slots,
    [property: Id(3)] int QueuedTiles,
    [property: Id(4)] DateTimeOffset ReportedAt)
{
    /// <summary>Summed speed of the eligible slots, in Msamples/s.</summary>
    public double EligibleSpeed => Slots.Where(s => s.Eligible).Sum(s => s.MsamplesPerSecond);

    /// <summary>Number of eligible slots.</summary>
    public int EligibleSlots => Slots.Count(s => s.Eligible);

    /// <summary>Tiles in the silo now: queued plus rendering.</summary>
    public int Load => QueuedTiles + Slots.Count(s => s.Busy);
}
