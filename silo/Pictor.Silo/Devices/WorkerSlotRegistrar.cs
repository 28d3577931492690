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
    IHostApplicationLifetime lifetime,
    ILogger<WorkerSlotRegistrar> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _registration;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkerSlotRegistrar), ServiceLifecycleStage.Active, RegisterAsync, UnregisterAsync);

    public void Dispose() => _stopping.Dispose();

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        // The first try is part of the silo's start, so an embedded grid has its workers before it takes jobs.
        // A worker silo may start before a core silo is up, or before it has learnt which silo hosts worker
        // records (the cluster manifest converges a moment after joining): then keep trying in the background
        // rather than failing the silo's start.
        if (await TryRegisterAsync(1))
        {
            return;
        }

        _registration = Task.Run(() => RegisterUntilDoneAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task RegisterUntilDoneAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (int attempt = 2; !cancellationToken.IsCancellationRequested; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt)), cancellationToken)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
                if (await TryRegisterAsync(attempt))
                {
                    return;
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            // Refused for good (a worker id another running silo holds): this silo must not run under it.
            logger.LogCritical("{Refusal}", ex.Message);
            lifetime.StopApplication();
        }
    }

    private async Task<bool> TryRegisterAsync(int attempt)
    {
        try
        {
            foreach (var slot in pool.Slots)
            {
                var registration = new WorkerRegistration(
                    slot.WorkerId, options.Value.WorkerHost, silo.SiloAddress.ToParsableString(), slot.Spec, pool.Wallet,
                    slot.MsamplesPerSecond);
                var worker = grains.GetGrain<IWorkerGrain>(slot.WorkerId);
                await worker.RegisterAsync(registration);
                if (!slot.Eligible)
                {
                    await worker.SetStatusAsync(WorkerStatus.BelowSpec, slot.Reason);
                }
            }

            logger.LogInformation("Registered {Count} worker slot(s)", pool.Slots.Count);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "Registering worker slots failed (attempt {Attempt}); retrying", attempt);
            return false;
        }
    }

    private async Task UnregisterAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_registration is { } registration)
        {
            await registration.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            await Task.WhenAll(pool.Slots.Select(
                slot => grains.GetGrain<IWorkerGrain>(slot.WorkerId).SetStatusAsync(WorkerStatus.Offline, "its silo stopped")))
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or OrleansException or ArgumentException)
        {
            logger.LogWarning(ex, "Could not mark worker slots offline while stopping");
        }
    }
}
