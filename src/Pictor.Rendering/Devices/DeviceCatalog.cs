using ILGPU;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pictor.Rendering.Devices;

/// <summary>Opens the render devices of this host: the one place that creates the ILGPU context.</summary>
/// <remarks>Dispose it after the devices it opened; it disposes them itself, in reverse order of creation.</remarks>
public sealed class DeviceCatalog : IDisposable
{
    private readonly ILogger _logger;
    private readonly List<IRenderDevice> _opened = [];
    private Context? _context;

    /// <summary>Creates a catalog.</summary>
    /// <param name="logger">Receives which devices were chosen and why.</param>
    public DeviceCatalog(ILogger<DeviceCatalog>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Opens the devices a selection names.</summary>
    /// <param name="selection">Which devices.</param>
    /// <returns>The opened devices, owned by this catalog.</returns>
    /// <exception cref="InvalidOperationException">A named GPU does not exist.</exception>
    public IReadOnlyList<IRenderDevice> Open(DeviceSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var devices = selection.Mode switch
        {
            DeviceSelectionMode.Cpu => OpenCpuSlots(selection.CpuSlots),
            DeviceSelectionMode.IlgpuCpu => [OpenIlgpuCpu()],
            DeviceSelectionMode.Cuda => OpenCuda(selection.GpuIndices, required: true),
            _ => OpenAuto(selection.CpuSlots),
        };
        _opened.AddRange(devices);
        foreach (var device in devices)
        {
            _logger.LogInformation("Render device {Id}: {Kind} {Name}", device.Info.Id, device.Info.Kind, device.Info.Name);
        }

        return devices;
    }

    /// <summary>Opens the best single device: the first CUDA GPU where present, else all CPU cores.</summary>
    /// <returns>The device, owned by this catalog.</returns>
    public IRenderDevice OpenBest()
    {
        var gpus = OpenCuda([], required: false);
        var best = gpus.Count > 0 ? gpus[0] : new ManagedCpuDevice("cpu-0", Environment.ProcessorCount);
        foreach (var extra in gpus.Skip(1))
        {
            extra.Dispose();
        }

        _opened.Add(best);
        _logger.LogInformation("Render device {Id}: {Kind} {Name}", best.Info.Id, best.Info.Kind, best.Info.Name);
        return best;
    }

    private List<IRenderDevice> OpenAuto(int cpuSlots)
    {
        var gpus = OpenCuda([], required: false);
        return gpus.Count > 0 ? gpus : OpenCpuSlots(cpuSlots);
    }

    private static List<IRenderDevice> OpenCpuSlots(int slots)
    {
        int threads = Math.Max(1, Environment.ProcessorCount / Math.Max(1, slots));
        return Enumerable.Range(0, slots).Select(i => (IRenderDevice)new ManagedCpuDevice($"cpu-{i}", threads)).ToList();
    }

    private IlgpuDevice OpenIlgpuCpu()
    {
        var context = GetContext();
        var cpus = context.GetCPUDevices();
        if (cpus.Count == 0)
        {
            throw new InvalidOperationException("ILGPU reports no CPU accelerator.");
        }

        return new IlgpuDevice("ilgpu-cpu-0", DeviceKind.IlgpuCpu, cpus[0].CreateAccelerator(context));
    }

    private List<IRenderDevice> OpenCuda(IReadOnlyList<int> indices, bool required)
    {
        var context = GetContext();
        var cuda = context.GetCudaDevices();
        if (cuda.Count == 0)
        {
            if (required)
            {
                throw new InvalidOperationException("No CUDA device was found on this host.");
            }

            _logger.LogInformation("No CUDA device found; rendering on the CPU.");
            return [];
        }

        var wanted = indices.Count > 0 ? indices : Enumerable.Range(0, cuda.Count).ToArray();
        var result = new List<IRenderDevice>();
        foreach (int i in wanted)
        {
            if (i >= cuda.Count)
            {
                throw new InvalidOperationException($"CUDA device {i} does not exist; this host has {cuda.Count}.");
            }

            result.Add(new IlgpuDevice($"cuda-{i}", DeviceKind.Cuda, cuda[i].CreateAccelerator(context)));
        }

        return result;
    }

    private Context GetContext() => _context ??= Context.Create(builder => builder
        .Default()
        .Math(MathMode.Fast32BitOnly)
        .Optimize(OptimizationLevel.O2));

    /// <inheritdoc/>
    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        _opened.Clear();
        _context?.Dispose();
        _context = null;
    }
}
