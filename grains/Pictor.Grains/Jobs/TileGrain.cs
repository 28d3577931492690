using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;
using Pictor.Grains.Placement;
using Pictor.Grains.Scenes;
using Pictor.Rendering;

namespace Pictor.Grains.Jobs;

/// <summary>Renders one tile on a device of the silo it lives on, and keeps the result in memory until its frame is stored.</summary>
/// <remarks>
/// Placed by <see cref="DeviceAwarePlacementAttribute"/> on a silo with free, fast devices. A failed attempt is
/// answered with an error result (naming the worker at fault, if any) and the activation goes away, so the
/// job's retry is placed afresh. The result is not written to storage: the job's durable record is its done-bit
/// and, per finished frame, the frame itself; a tile lost with its silo before its frame is stored is rendered
/// again (and credited once: the ledger keys credits by tile id). Two storage writes per tile cost more grid
/// efficiency than the rare re-render saves.
/// </remarks>
[DeviceAwarePlacement]
public sealed class TileGrain(
    ILocalDevicePool devices,
    SiloSceneCache scenes,
    ILogger<TileGrain> logger) : Grain, ITileGrain
{
    private TileRenderResult? _result;

    async Task<TileRenderResult> ITileGrain.RenderAsync(TileWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        string key = this.GetPrimaryKeyString();
        if (work.TileId != key)
        {
            throw new ArgumentException($"Tile grain {key} was sent work for tile {work.TileId}.", nameof(work));
        }

        // At-most-once messaging means the job may ask again after a timeout although the first call ran:
        // answering with the stored result keeps the second ask free and the pixels identical.
        if (_result is { } stored && (work.ExcludedWorkers is null || !work.ExcludedWorkers.Contains(stored.WorkerId)))
        {
            return stored;
        }

        var frame = FrameParameters.Create(work.Spec.Width, work.Spec.Height, work.Spec.SamplesPerPixel, work.Spec.Seed, work.Frame);
        var rect = new PixelRect(work.Rect.X, work.Rect.Y, work.Rect.Width, work.Rect.Height);
        DeviceLease lease;
        try
        {
            lease = await devices.LeaseAsync(work.ExcludedWorkers, CancellationToken.None);
        }
        catch (NoEligibleSlotException ex)
        {
            DeactivateOnIdle();
            return Failure(work, string.Empty, $"silo cannot take the tile: {ex.Message}") with { Misplaced = true };
        }

        using (lease)
        {
            var device = lease.Slot.Device;
            var watch = Stopwatch.StartNew();
            float[] pixels;
            try
            {
                // Scene packages come from the silo's cache (fetched by hash on first use); null is the built-in anchor kernel.
                var scene = await scenes.GetFrameSceneAsync(work.Spec, work.Frame);

                // Rendering is long, synchronous CPU or GPU work: run it off the grain scheduler.
                pixels = await Task.Run(() =>
                {
                    var rgb = new float[rect.FloatCount];
                    if (scene is null)
                    {
                        device.Render(frame, rect, rgb);
                    }
                    else
                    {
                        device.Render(scene, frame, rect, rgb);
                    }

                    return rgb;
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Tile {TileId} failed on {WorkerId}", work.TileId, lease.Slot.WorkerId);
                DeactivateOnIdle();
                return Failure(work, lease.Slot.WorkerId, $"{ex.GetType().Name}: {ex.Message}");
            }

            double seconds = watch.Elapsed.TotalSeconds;
            var result = new TileRenderResult(work.TileId, lease.Slot.WorkerId, devices.Wallet, device.Info.Backend, pixels, work.PixelSamples, seconds);
            _result = result;
            GridMetrics.TilesRendered.Add(1);
            GridMetrics.PixelSamples.Add(work.PixelSamples);
            GridMetrics.TileSeconds.Record(seconds);
            logger.LogDebug("Tile {TileId} rendered by {WorkerId} in {Seconds:F3} s", work.TileId, lease.Slot.WorkerId, seconds);
            await GrainFactory.GetGrain<IWorkerGrain>(lease.Slot.WorkerId).RecordTileAsync(work.PixelSamples, seconds);
            if (work.Variant is not null)
            {
                // Checks and re-issues are compared or kept by the job at once: nothing to hold for a frame.
                DeactivateOnIdle();
            }

            return result;
        }
    }

    Task<TileRenderResult?> ITileGrain.GetResultAsync() => Task.FromResult(_result);

    Task ITileGrain.ReleaseAsync()
    {
        _result = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private static TileRenderResult Failure(TileWork work, string workerId, string error) =>
        new(work.TileId, workerId, string.Empty, string.Empty, [], 0, 0, error);
}
