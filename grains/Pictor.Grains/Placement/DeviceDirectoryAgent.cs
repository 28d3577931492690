using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;

namespace Pictor.Grains.Placement;

/// <summary>On every silo: reports this silo's device capacity to the directory and refreshes the local placement view.</summary>
public sealed class DeviceDirectoryAgent(
    ILocalDevicePool pool,
    DeviceDirectoryCache cache,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<GridOptions> options,
    TimeProvider clock,
    ILogger<DeviceDirectoryAgent> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(DeviceDirectoryAgent), ServiceLifecycleStage.Active + 10, StartAsync, StopAsync);
    }

    /// <summary>This silo's report now.</summary>
    /// <returns>The report.</returns>
    public SiloCapacity Snapshot() => new(
        silo.SiloAddress.ToParsableString(),
        pool.Slots.Count > 0 ? pool.Slots[0].WorkerId.Split('/')[0] : string.Empty,
        [.. pool.Slots.Select(
            s => new SlotCapacity(s.WorkerId, s.Device.Info.Backend, s.MsamplesPerSecond, s.Eligible, pool.IsBusy(s.WorkerId)))],
        pool.Queued,
        clock.GetUtcNow());

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Dispose();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReportAndRefreshAsync();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            await grains.GetGrain<IDeviceDirectoryGrain>(IDeviceDirectoryGrain.DefaultKey).RemoveAsync(silo.SiloAddress.ToParsableString())
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or OperationCanceledException or ArgumentException)
        {
            logger.LogWarning(ex, "Could not remove this silo from the device directory while stopping");
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.CapacityReportInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await ReportAndRefreshAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReportAndRefreshAsync()
    {
        try
        {
            var directory = grains.GetGrain<IDeviceDirectoryGrain>(IDeviceDirectoryGrain.DefaultKey);
            if (pool.Slots.Count > 0)
            {
                await directory.ReportAsync(Snapshot());
            }

            cache.Refresh(await directory.GetSnapshotAsync());
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or ArgumentException)
        {
            // The directory's silo may be gone for a moment, or (ArgumentException) this silo has not yet learnt
            // from the cluster manifest which silo hosts the directory: placement keeps its last view meanwhile.
            logger.LogDebug(ex, "Device directory unreachable");
        }
    }
}
