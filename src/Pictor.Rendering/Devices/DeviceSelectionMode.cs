namespace Pictor.Rendering.Devices;

/// <summary>How a host picks its render devices.</summary>
public enum DeviceSelectionMode
{
    /// <summary>All CUDA GPUs where present, else CPU slots.</summary>
    Auto = 0,

    /// <summary>CPU slots only.</summary>
    Cpu = 1,

    /// <summary>Named CUDA GPUs (all when none named).</summary>
    Cuda = 2,

    /// <summary>ILGPU's CPU accelerator (kernel verification).</summary>
    IlgpuCpu = 3,
}
