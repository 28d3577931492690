using Pictor.Contracts.Workers;
using Pictor.Rendering.Devices;

namespace Pictor.Grains.Devices;

/// <summary>A render device of this silo and the worker id it earns under.</summary>
/// <param name="WorkerId">The worker id, <c>{host}/{device}</c>.</param>
/// <param name="Device">The device.</param>
public sealed record WorkerSlot(string WorkerId, IRenderDevice Device)
{
    /// <summary>The device as the contracts describe it.</summary>
    public DeviceSpec Spec => new(Device.Info.Kind.ToString(), Device.Info.Name, Device.Info.MemoryBytes, Device.Info.Threads, Device.Info.Backend);
}
