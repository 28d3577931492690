namespace Pictor.Contracts.Workers;

/// <summary>The device behind a worker slot.</summary>
/// <param name="Kind">Device kind: <c>Cpu</c>, <c>Cuda</c>, <c>OpenCl</c> or <c>IlgpuCpu</c>.</param>
/// <param name="Name">Device name as the driver reports it.</param>
/// <param name="MemoryBytes">Device memory in bytes.</param>
/// <param name="Threads">CPU threads of a CPU slot; 0 for accelerators.</param>
/// <param name="Backend">Render backend; equal backends render bit-identical pixels.</param>
[GenerateSerializer, Immutable, Alias("pictor.DeviceSpec")]
public sealed record DeviceSpec(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] long MemoryBytes,
    [property: Id(3)] int Threads,
    [property: Id(4)] string Backend);
