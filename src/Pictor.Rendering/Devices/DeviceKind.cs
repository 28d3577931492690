namespace Pictor.Rendering.Devices;

/// <summary>The kind of compute device a worker slot renders on.</summary>
public enum DeviceKind
{
    /// <summary>CPU cores running the managed path (the shared kernel code compiled by the .NET JIT).</summary>
    Cpu = 0,

    /// <summary>An NVIDIA GPU through ILGPU's CUDA accelerator.</summary>
    Cuda = 1,

    /// <summary>An OpenCL device through ILGPU.</summary>
    OpenCl = 2,

    /// <summary>ILGPU's CPU accelerator: the kernel as compiled by ILGPU, run on CPU threads (slow; for verifying kernels).</summary>
    IlgpuCpu = 3,
}
