using Pictor.Grains.Devices;
using Pictor.Rendering.Devices;
using Pictor.Silo.Hosting;

namespace Pictor.Silo.Devices;

/// <summary>Opens this host's devices and names the worker slots after them.</summary>
public static class DevicePoolFactory
{
    /// <summary>Opens the devices the options select and wraps them as a pool.</summary>
    /// <param name="catalog">The catalog that will own the devices.</param>
    /// <param name="options">Host options: device selection, host name and wallet.</param>
    /// <param name="logger">Receives the slots chosen.</param>
    /// <returns>The pool.</returns>
    public static LocalDevicePool Create(DeviceCatalog catalog, SiloHostOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var selection = DeviceSelection.Parse(options.Devices, options.CpuSlots);
        var devices = catalog.Open(selection);
        var slots = devices.Select(d => new WorkerSlot($"{options.WorkerHost}/{d.Info.Id}", d)).ToList();
        logger.LogInformation("Worker slots on {Host}: {Slots}", options.WorkerHost, string.Join(", ", slots.Select(s => $"{s.WorkerId} ({s.Device.Info.Name})")));
        return new LocalDevicePool(slots, options.Wallet);
    }
}
