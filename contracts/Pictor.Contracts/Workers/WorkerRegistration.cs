namespace Pictor.Contracts.Workers;

/// <summary>What a silo host says about one of its device slots when it registers it.</summary>
/// <param name="WorkerId">Stable id: <c>{host}/{device}</c>.</param>
/// <param name="Host">Host name of the machine.</param>
/// <param name="SiloAddress">The silo the device is attached to.</param>
/// <param name="Device">The device.</param>
/// <param name="Wallet">The owner's wallet address, empty when none is configured.</param>
/// <param name="BenchmarkMsamplesPerSecond">Measured speed on the standard tile, 0 when not measured.</param>
/// <param name="Anchor">
/// Ignored by the core, never trusted: kept on the wire for silos that still send it. Anchors are named by the operator
/// in the core's configuration (<c>Grid:Verification:Anchors</c>), and the core drops this flag from its record.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.WorkerRegistration")]
public sealed record WorkerRegistration(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Host,
    [property: Id(2)] string SiloAddress,
    [property: Id(3)] DeviceSpec Device,
    [property: Id(4)] string Wallet,
    [property: Id(5)] double BenchmarkMsamplesPerSecond,
    [property: Id(6)] bool Anchor = false);
