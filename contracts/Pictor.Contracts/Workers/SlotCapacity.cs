namespace Pictor.Contracts.Workers;

/// <summary>One device slot as its silo reports it to the device directory.</summary>
/// <param name="WorkerId">The slot's worker id.</param>
/// <param name="Backend">Its render backend.</param>
/// <param name="MsamplesPerSecond">Measured speed on the standard benchmark tile.</param>
/// <param name="Eligible">Whether it may receive work (meets the minimum spec and is not quarantined).</param>
/// <param name="Busy">Whether it is rendering now.</param>
[GenerateSerializer, Immutable, Alias("pictor.SlotCapacity")]
public sealed record SlotCapacity(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Backend,
    [property: Id(2)] double MsamplesPerSecond,
    [property: Id(3)] bool Eligible,
    [property: Id(4)] bool Busy);
