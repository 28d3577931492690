using Microsoft.Extensions.Options;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;
using Pictor.Silo.Hosting;

namespace Pictor.Silo.Devices;

/// <summary>Registers this silo's device slots as workers once the silo is active, and marks them offline on a clean stop.</summary>
internal sealed class WorkerSlotRegistrar(
    ILocalDevicePool pool,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<SiloHostOptions> options,
    ILogger<WorkerSlotRegistrar> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkerSlotRegistrar), ServiceLifecycleStage.Active, RegisterAsync, UnregisterAsync);

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        foreach (var slot in pool.Slots)
        {
            var registration = new WorkerRegistration(slot.WorkerId, options.Value.WorkerHost, silo.SiloAddress.ToParsableString(), slot.Spec, pool.Wallet, slot.MsamplesPerSecond);
            var worker = grains.GetGrain<IWorkerGrain>(slot.WorkerId);
            await worker.RegisterAsync(registration);
            if (!slot.Eligible)
            {
                await worker.SetStatusAsync(WorkerStatus.BelowSpec, slot.Reason);
            }
        }

        logger.LogInformation("Registered {Count} worker slot(s)", pool.Slots.Count);
    }

    private async Task UnregisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(pool.Slots.Select(slot => grains.GetGrain<IWorkerGrain>(slot.WorkerId).SetStatusAsync(WorkerStatus.Offline, "its silo stopped")))
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or OrleansException)
        {
            logger.LogWarning(ex, "Could not mark worker slots offline while stopping");
        }
    }
}
