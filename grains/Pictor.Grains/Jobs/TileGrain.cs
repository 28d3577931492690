using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;
using Pictor.Rendering;

namespace Pictor.Grains.Jobs;

/// <summary>Renders one tile on a device of the silo it lives on, and keeps the result until its frame is stored.</summary>
public sealed class TileGrain(
    [PersistentState("tile", StorageNames.Grid)] IPersistentState<TileState> state,
    ILocalDevicePool devices,
    ILogger<TileGrain> logger) : Grain, ITileGrain
{
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
        if (state.State.Result is { } stored)
        {
            return stored;
        }

        var frame = FrameParameters.Create(work.Spec.Width, work.Spec.Height, work.Spec.SamplesPerPixel, work.Spec.Seed, work.Frame);
        var rect = new PixelRect(work.Rect.X, work.Rect.Y, work.Rect.Width, work.Rect.Height);
        using var lease = await devices.LeaseAsync(CancellationToken.None);
        var device = lease.Slot.Device;
        var watch = Stopwatch.StartNew();

        // Rendering is long, synchronous CPU or GPU work: run it off the grain scheduler.
        float[] pixels = await Task.Run(() =>
        {
            var rgb = new float[rect.FloatCount];
            device.Render(frame, rect, rgb);
            return rgb;
        });
        double seconds = watch.Elapsed.TotalSeconds;
        var result = new TileRenderResult(work.TileId, lease.Slot.WorkerId, devices.Wallet, device.Info.Backend, pixels, work.PixelSamples, seconds);
        state.State.Result = result;
        await state.WriteStateAsync();
        GridMetrics.TilesRendered.Add(1);
        GridMetrics.PixelSamples.Add(work.PixelSamples);
        GridMetrics.TileSeconds.Record(seconds);
        logger.LogDebug("Tile {TileId} rendered by {WorkerId} in {Seconds:F3} s", work.TileId, lease.Slot.WorkerId, seconds);
        await GrainFactory.GetGrain<IWorkerGrain>(lease.Slot.WorkerId).RecordTileAsync(work.PixelSamples, seconds);
        return result;
    }

    Task<TileRenderResult?> ITileGrain.GetResultAsync() => Task.FromResult(state.State.Result);

    async Task ITileGrain.ReleaseAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }
}
