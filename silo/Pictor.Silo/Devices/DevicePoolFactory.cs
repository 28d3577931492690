using Pictor.Contracts.Silos;
using Pictor.Grains;
using Pictor.Grains.Devices;
using Pictor.Rendering.Devices;
using Pictor.Silo.Hosting;

namespace Pictor.Silo.Devices;

/// <summary>Onboards this host's devices: opens them, benchmarks each, checks the network minimum, names the worker slots.</summary>
public static class DevicePoolFactory
{
    /// <summary>Opens, measures and checks the devices the options select, and wraps them as a pool.</summary>
    /// <param name="catalog">The catalog that will own the devices.</param>
    /// <param name="options">Host options: role, device selection, host name and wallet.</param>
    /// <param name="grid">Grid options: the network minimum spec.</param>
    /// <param name="logger">Receives the slots chosen and why a slot gets no work.</param>
    /// <returns>The pool; empty on a core-only silo.</returns>
    public static LocalDevicePool Create(DeviceCatalog catalog, SiloHostOptions options, GridOptions grid, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(grid);
        if (options.Role == SiloRole.Core)
        {
            return new LocalDevicePool([], options.Wallet);
        }

        if (options.Anchor)
        {
            logger.LogWarning(
                "Silo:Anchor is ignored: a silo cannot vouch for itself. The operator names anchors on the core silos "
                + "(Grid:Verification:Anchors, e.g. {Host}/*)", options.WorkerHost);
        }

        var selection = DeviceSelection.Parse(options.Devices, options.CpuSlots);
        var devices = catalog.Open(selection);
        var speeds = new Dictionary<string, double>(StringComparer.Ordinal);
        var slots = new List<WorkerSlot>();
        foreach (var device in devices)
        {
            // CPU slots of one host are alike: measure one and reuse the figure.
            string kind = $"{device.Info.Kind}/{device.Info.Name}/{device.Info.Threads}";
            if (!speeds.TryGetValue(kind, out double speed))
            {
                speed = DeviceBenchmark.MeasureMsamplesPerSecond(device, TimeSpan.FromMilliseconds(200));
                speeds[kind] = speed;
            }

            var (eligible, reason) = CheckMinimum(device.Info, speed, grid);
            var slot = new WorkerSlot($"{options.WorkerHost}/{device.Info.Id}", device, speed, eligible, reason);
            slots.Add(slot);
            if (eligible)
            {
                logger.LogInformation(
                    "Worker {WorkerId}: {Name}, {Speed:F2} Msamples/s, {Reason}", slot.WorkerId, device.Info.Name, speed, reason);
            }
            else
            {
                logger.LogWarning(
                    "Worker {WorkerId} ({Name}) is below the network minimum and gets no work: {Reason}",
                    slot.WorkerId,
                    device.Info.Name,
                    reason);
            }
        }

        return new LocalDevicePool(slots, options.Wallet);
    }

    /// <summary>Checks a device against the network minimum spec.</summary>
    /// <param name="device">The device.</param>
    /// <param name="msamplesPerSecond">Its benchmark speed.</param>
    /// <param name="grid">The minimum spec.</param>
    /// <returns>Whether it is eligible, and why (not).</returns>
    public static (bool Eligible, string Reason) CheckMinimum(DeviceInfo device, double msamplesPerSecond, GridOptions grid)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(grid);
        if (msamplesPerSecond < grid.MinimumMsamplesPerSecond)
        {
            return (false, $"benchmark {msamplesPerSecond:F2} Msamples/s is below the minimum {grid.MinimumMsamplesPerSecond:F2}");
        }

        if (device.MemoryBytes < grid.MinimumDeviceMemoryBytes)
        {
            return (false, $"device memory {device.MemoryBytes >> 20} MiB is below the minimum {grid.MinimumDeviceMemoryBytes >> 20} MiB");
        }

        return (true, $"meets the minimum ({msamplesPerSecond:F2} ≥ {grid.MinimumMsamplesPerSecond:F2} Msamples/s, " +
            $"{device.MemoryBytes >> 20} MiB)");
    }
}
