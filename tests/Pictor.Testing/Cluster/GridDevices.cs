using Pictor.Grains.Devices;
using Pictor.Rendering.Devices;

namespace Pictor.Testing.Cluster;

/// <summary>The render devices of one silo: a device selection the silo resolves itself, or slots the test builds.</summary>
/// <remarks>
/// Slots are built each time the silo starts (a restarted silo gets fresh devices), from a factory that is given
/// the silo's worker host; worker ids are <c>{host}/{device id}</c> unless the factory names them itself.
/// </remarks>
public sealed class GridDevices
{
    private GridDevices(string? selection, Func<SiloSpec, IReadOnlyList<WorkerSlot>>? slots, string description)
    {
        Selection = selection;
        SlotFactory = slots;
        Description = description;
    }

    /// <summary>A device selection resolved by the silo's own device pool (<c>cpu:N</c>, <c>ilgpu-cpu</c>), or null.</summary>
    public string? Selection { get; }

    /// <summary>Builds the slots of a silo that brings its own devices, or null.</summary>
    public Func<SiloSpec, IReadOnlyList<WorkerSlot>>? SlotFactory { get; }

    /// <summary>What the devices are, for messages.</summary>
    public string Description { get; }

    /// <summary>No devices (a core silo).</summary>
    public static GridDevices None { get; } = new(null, _ => [], "none");

    /// <summary><paramref name="slots"/> managed CPU slots, chosen by the silo's device pool as <c>--devices cpu:N</c> does.</summary>
    public static GridDevices Cpu(int slots) => Select($"cpu:{slots}");

    /// <summary>A device selection as the CLI takes it (<c>auto</c>, <c>cpu:N</c>, <c>ilgpu-cpu</c>).</summary>
    public static GridDevices Select(string selection) => new(selection, null, selection);

    /// <summary>
    /// <paramref name="count"/> devices made by <paramref name="device"/> (given the slot index), each one slot
    /// with a fixed benchmark of <paramref name="msamplesPerSecond"/>, eligible.
    /// </summary>
    public static GridDevices Fake(Func<int, IRenderDevice> device, int count = 1, double msamplesPerSecond = 1) =>
        new(null, spec => [.. Enumerable.Range(0, count).Select(i => Slot(spec, device(i), msamplesPerSecond))], $"{count} fake");

    /// <summary>Slots the test builds entirely (ids, benchmarks), for a silo whose <see cref="SiloSpec"/> it is given.</summary>
    public static GridDevices Slots(Func<SiloSpec, IReadOnlyList<WorkerSlot>> slots) => new(null, slots, "custom slots");

    /// <summary>One eligible slot <c>{host}/{device id}</c>.</summary>
    public static WorkerSlot Slot(SiloSpec silo, IRenderDevice device, double msamplesPerSecond = 1) =>
        new($"{silo.Host}/{device.Info.Id}", device, msamplesPerSecond, Eligible: true, Reason: "test");

    public override string ToString() => Description;
}
