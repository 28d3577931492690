using Pictor.Contracts.Workers;
using Pictor.Rendering.Devices;

namespace Pictor.Grains.Devices;

/// <summary>A render device of this silo, the worker id it earns under, and what onboarding found.</summary>
/// <param name="WorkerId">The worker id, <c>{host}/{device}</c>.</param>
/// <param name="Device">The device.</param>
/// <param name="MsamplesPerSecond">Measured speed on the standard benchmark tile; 0 when not measured.</param>
/// <param name="Eligible">Whether it meets the network minimum and may receive work.</param>
/// <param name="Reason">Why it is (not) eligible, for its owner.</param>
/// <remarks>Whether a slot is a trust anchor is not the silo's to say: the core's configuration names anchors.</remarks>
public sealed record WorkerSlot(
    string WorkerId, IRenderDevice Device, double MsamplesPerSecond = 0, bool Eligible = true, string Reason = "")
{
    /// <summary>The device as the contracts describe it.</summary>
    public DeviceSpec Spec =>
        new(Device.Info.Kind.ToString(), Device.Info.Name, Device.Info.MemoryBytes, Device.Info.Threads, Device.Info.Backend);
}
