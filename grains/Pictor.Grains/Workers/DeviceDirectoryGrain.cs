using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pictor.Contracts.Workers;
using Pictor.Grains.Security;

namespace Pictor.Grains.Workers;

/// <summary>Keeps each silo's latest capacity report in memory; marks the workers of a silo that went quiet offline.</summary>
public sealed class DeviceDirectoryGrain(
    IOptions<GridOptions> options, TimeProvider clock, ILogger<DeviceDirectoryGrain> logger) : Grain, IDeviceDirectoryGrain
{
    private readonly Dictionary<string, SiloCapacity> _silos = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    async Task IDeviceDirectoryGrain.ReportAsync(SiloCapacity capacity)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        CallerContext.DemandSelfForWorkerSilo(capacity.SiloAddress, "report device capacity");
        _silos[capacity.SiloAddress] = capacity with { ReportedAt = clock.GetUtcNow() };
        await SweepAsync();
    }

    async Task IDeviceDirectoryGrain.RemoveAsync(string siloAddress)
    {
        CallerContext.DemandSelfForWorkerSilo(siloAddress, "leave the device directory");
        if (_silos.Remove(siloAddress, out var gone))
        {
            await MarkOfflineAsync(gone, "its silo stopped");
        }
    }

    async Task<IReadOnlyList<SiloCapacity>> IDeviceDirectoryGrain.GetSnapshotAsync()
    {
        await SweepAsync();
        return [.. _silos.Values];
    }

    /// <summary>Drops silos whose reports stopped and marks their workers offline, at most once a second.</summary>
    private async Task SweepAsync()
    {
        var now = clock.GetUtcNow();
        if (now - _lastSweep < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastSweep = now;
        var stale = _silos.Values.Where(s => now - s.ReportedAt > options.Value.SiloReportTimeout).ToList();
        foreach (var silo in stale)
        {
            _silos.Remove(silo.SiloAddress);
            logger.LogWarning("Silo {Silo} stopped reporting; its {Count} worker(s) are offline", silo.SiloAddress, silo.Slots.Count);
            await MarkOfflineAsync(silo, $"its silo stopped reporting for {options.Value.SiloReportTimeout.TotalSeconds:F0} s");
        }
    }

    private async Task MarkOfflineAsync(SiloCapacity silo, string reason)
    {
        foreach (var slot in silo.Slots)
        {
            try
            {
                await GrainFactory.GetGrain<IWorkerGrain>(slot.WorkerId).SetStatusAsync(WorkerStatus.Offline, reason);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not mark worker {WorkerId} offline", slot.WorkerId);
            }
        }
    }
}
