namespace Pictor.Rendering.Devices;

/// <summary>Describes one device a worker slot renders on.</summary>
/// <param name="Id">Stable id on this host, e.g. <c>cpu-0</c> or <c>cuda-0</c>.</param>
/// <param name="Kind">The device kind.</param>
/// <param name="Name">Human-readable device name.</param>
/// <param name="MemoryBytes">Device memory in bytes (for CPU slots, the host memory they may use).</param>
/// <param name="Threads">CPU threads used by a CPU slot; 0 for accelerators.</param>
public sealed record DeviceInfo(string Id, DeviceKind Kind, string Name, long MemoryBytes, int Threads)
{
    /// <summary>The backend name used in reports: identical backends render bit-identical images.</summary>
    public string Backend => Kind switch
    {
        DeviceKind.Cpu => "cpu-managed",
        DeviceKind.Cuda => "cuda",
        DeviceKind.OpenCl => "opencl",
        _ => "ilgpu-cpu",
    };
}
