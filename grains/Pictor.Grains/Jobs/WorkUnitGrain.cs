using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;
using Pictor.Grains.Placement;
using Pictor.Grains.Scenes;
using Pictor.Rendering;

namespace Pictor.Grains.Jobs;

/// <summary>
/// Renders one work unit (one or more tiles of a frame) on a device of the silo it lives on, and keeps the result in
/// memory until its frame is stored.
/// </summary>
/// <remarks>
/// Placed by <see cref="DeviceAwarePlacementAttribute"/> on the silo the job chose (or, without a choice, on a silo with
/// free, fast devices). Tiles that fill a rectangle are rendered in one device call and cut apart; others one call
/// each, on the same lease. A failed attempt is answered with an error result (naming the worker at fault, if any)
/// and the activation goes away, so the job's retry is placed afresh. The result is not written to storage: the
/// job's durable record is its done-bits and, per finished frame, the frame itself; a unit lost with its silo before
/// its frame is stored is rendered again (and credited once: the ledger keys credits by tile id).
/// </remarks>
[DeviceAwarePlacement]
[GrainType("tile")]
public sealed class WorkUnitGrain(
    ILocalDevicePool devices,
    SiloSceneCache scenes,
    ILogger<WorkUnitGrain> logger) : Grain, IWorkUnitGrain
{
    private WorkUnitResult? _result;
    private RenderJobSpec? _renderedSpec;

    async Task<WorkUnitResult> IWorkUnitGrain.RenderAsync(WorkUnit work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.ThrowIfInvalid();
        string key = this.GetPrimaryKeyString();
        if (work.UnitId != key)
        {
            throw new ArgumentException($"Tile grain {key} was sent work for unit {work.UnitId}.", nameof(work));
        }

        if (Stored(work) is { } stored)
        {
            return stored;
        }

        var frame = FrameParameters.Create(work.Spec.Width, work.Spec.Height, work.Spec.SamplesPerPixel, work.Spec.Seed, work.Frame);
        DeviceLease lease;
        try
        {
            lease = await devices.LeaseAsync(work.ExcludedWorkers, CancellationToken.None);
        }
        catch (NoEligibleSlotException ex)
        {
            DeactivateOnIdle();
            return Failure(work, string.Empty, $"silo cannot take the unit: {ex.Message}") with { Misplaced = true };
        }

        using (lease)
        {
            var device = lease.Slot.Device;
            var watch = Stopwatch.StartNew();
            float[][] pixels;
            try
            {
                // Scene packages come from the silo's cache (fetched by hash on first use); null is the built-in anchor kernel.
                var scene = await scenes.GetFrameSceneAsync(work.Spec, work.Frame);

                // Rendering is long, synchronous CPU or GPU work: run it on the slot's own thread.
                pixels = await lease.RunAsync(() => UnitRenderer.Render(device, scene, frame, work.Spec, work.Tiles));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Unit {UnitId} failed on {WorkerId}", work.UnitId, lease.Slot.WorkerId);
                DeactivateOnIdle();
                return Failure(work, lease.Slot.WorkerId, $"{ex.GetType().Name}: {ex.Message}");
            }

            double seconds = watch.Elapsed.TotalSeconds;
            var result = Assemble(work, lease.Slot.WorkerId, device.Info.Backend, pixels, seconds);
            (_result, _renderedSpec) = (result, work.Spec);
            await GrainFactory.GetGrain<IWorkerGrain>(lease.Slot.WorkerId).RecordTilesAsync(result.Tiles.Count, work.PixelSamples, seconds);
            if (work.Variant is not null)
            {
                // Checks and re-issues are compared or kept by the job at once: nothing to hold for a frame.
                DeactivateOnIdle();
            }

            return result;
        }
    }

    Task IWorkUnitGrain.ReleaseAsync()
    {
        (_result, _renderedSpec) = (null, null);
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>The stored answer, when it answers this very work: the same spec, by a worker it does not exclude.</summary>
    /// <remarks>
    /// At-most-once messaging means the job may ask again after a timeout although the first call ran: answering with
    /// the stored result keeps the second ask free and the pixels identical. The unit id names the job, frame, tiles
    /// and variant but not the spec, so a result rendered for another spec under the same id (a unit grain seeded
    /// before the job asked) is never the answer: the unit is rendered again for the spec asked for.
    /// </remarks>
    private WorkUnitResult? Stored(WorkUnit work)
    {
        if (_result is not { } stored)
        {
            return null;
        }

        if (_renderedSpec != work.Spec)
        {
            logger.LogWarning("Unit {UnitId} was rendered for another spec before; rendering it again for the one asked for", work.UnitId);
            return null;
        }

        return work.ExcludedWorkers is null || !work.ExcludedWorkers.Contains(stored.WorkerId) ? stored : null;
    }

    /// <summary>The unit's answer from its tiles' pixels; counts it in the silo's metrics.</summary>
    private WorkUnitResult Assemble(WorkUnit work, string workerId, string backend, float[][] pixels, double seconds)
    {
        long unitSamples = work.PixelSamples;
        var tiles = new TileRenderResult[work.Tiles.Count];
        for (int i = 0; i < tiles.Length; i++)
        {
            long samples = (long)(pixels[i].Length / 3) * work.Spec.SamplesPerPixel;
            tiles[i] = new TileRenderResult(
                work.TileId(work.Tiles[i]), workerId, devices.Wallet, backend, pixels[i], samples, seconds * samples / unitSamples);
        }

        GridMetrics.UnitsRendered.Add(1);
        GridMetrics.TilesRendered.Add(tiles.Length);
        GridMetrics.PixelSamples.Add(unitSamples);
        GridMetrics.UnitSeconds.Record(seconds);
        logger.LogDebug(
            "Unit {UnitId} ({Tiles} tiles) rendered by {WorkerId} in {Seconds:F3} s", work.UnitId, tiles.Length, workerId, seconds);
        return new WorkUnitResult(work.UnitId, workerId, tiles, seconds);
    }

    private static WorkUnitResult Failure(WorkUnit work, string workerId, string error) =>
        new(work.UnitId, workerId, [], 0, error);
}
