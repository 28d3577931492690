using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Grains.Jobs.Dispatch;
using Pictor.Rendering;
using Pictor.Rendering.Imaging;

namespace Pictor.Grains.Jobs;

/// <content>Frames: final tiles are blitted into frame buffers, marked done and announced; finished frames are stored.</content>
public sealed partial class RenderJobGrain
{
    private readonly Dictionary<int, FrameBuffer> _frames = [];
    private readonly Dictionary<int, List<string>> _frameUnits = [];

    /// <summary>Blits, marks done and publishes tiles whose pixels are decided, then stores finished frames.</summary>
    private async Task RecordTilesAsync(List<FinalTile> finals)
    {
        var touchedFrames = new SortedSet<int>();
        foreach (var final in finals)
        {
            int tile = Layout.Locate(final.Ordinal).Tile;
            int frameOffset = Layout.FrameOffset(final.Ordinal);
            var rect = TilePlan.Rect(Layout.Spec, tile);
            FrameBufferFor(frameOffset).Blit(new PixelRect(rect.X, rect.Y, rect.Width, rect.Height), final.Result.Pixels);
            touchedFrames.Add(frameOffset);
            if (!BitSet.Get(state.State.DoneTiles, final.Ordinal))
            {
                BitSet.Set(state.State.DoneTiles, final.Ordinal);
                state.State.TilesDone++;
            }
        }

        // No state write here: done-bits of a frame not yet stored are cleared on reactivation anyway (its tiles are
        // rendered again, since their pixels lived in memory), so they become durable with the frame's own write.
        // Writing them per batch cost one storage write per work unit for nothing.
        var completed = finals.ConvertAll(final =>
        {
            var (frame, tile) = Layout.Locate(final.Ordinal);
            return new JobProgressEvent(
                JobId, JobProgressKind.TileCompleted, frame, tile, final.Result.WorkerId, state.State.TilesDone, Layout.Total, null);
        });
        await PublishAsync(completed);
        foreach (int frameOffset in touchedFrames)
        {
            if (IsFrameRendered(frameOffset) && !BitSet.Get(state.State.StoredFrames, frameOffset))
            {
                // The frame's write makes its done-bits durable: the credits of its tiles must be durable first.
                await FlushLedgerAsync();
                if (!Running)
                {
                    // Cancelled while the credits were sent: a cancelled job stores no more frames.
                    return;
                }

                await StoreFrameAsync(frameOffset);
            }
        }
    }

    /// <summary>Forgets the done tiles of frames that were not stored before this activation, so they render again.</summary>
    /// <remarks>
    /// Tile results live in memory only and a frame's pixels are durable only once it is stored, so after a restart
    /// the unstored frames are rendered again. Their credits are keyed by tile id: a tile credited before the restart
    /// is not credited twice (its re-render is unpaid); nobody is ever paid twice for one tile.
    /// </remarks>
    private async Task RestorePartialFramesAsync()
    {
        bool changed = false;
        for (int frameOffset = 0; frameOffset < Layout.Spec.FrameCount; frameOffset++)
        {
            if (BitSet.Get(state.State.StoredFrames, frameOffset))
            {
                continue;
            }

            for (int tile = 0; tile < Layout.TilesPerFrame; tile++)
            {
                int ordinal = (frameOffset * Layout.TilesPerFrame) + tile;
                if (BitSet.Get(state.State.DoneTiles, ordinal))
                {
                    BitSet.Clear(state.State.DoneTiles, ordinal);
                    state.State.TilesDone--;
                    changed = true;
                }
            }
        }

        if (changed)
        {
            await WriteStateAsync();
        }
    }

    /// <summary>
    /// On resumption, retires the pending credits of renders the previous activation lost: each such tile gets a new
    /// credit key (as a rejection gives it), durably, and then the ledger rejects the lost render's pending credit.
    /// </summary>
    /// <remarks>
    /// A tile not done now was rendered by the previous activation, if at all, into pixels that were lost with it. If
    /// its credit is still pending, it waited for a check that activation would have made. Left alone, the re-render's
    /// credit would be refused as a duplicate and the re-render's check would confirm the lost render's credit: paying
    /// a worker whose render nobody verified, and the re-renderer nothing. Retired, the re-render is credited to whoever
    /// renders it. A tile whose credit was already confirmed keeps its key, so a re-render is not paid twice: that
    /// render was verified and its renderer is paid. The lost render's worker is not judged (no verdict): its render was
    /// lost, not found wrong.
    /// </remarks>
    private const string LostRenderReason = "its render was lost when the job restarted, before it was verified";
    private const int MaxRetiredPerCall = 4096;

    private async Task RetireLostRendersAsync()
    {
        var pending = (await WithLedgerAnswerAsync(ledger => ledger.FindPendingAsync(JobId))).ToHashSet(StringComparer.Ordinal);
        var lost = new List<string>();
        for (int ordinal = 0; ordinal < Layout.Total && pending.Count > 0; ordinal++)
        {
            if (!BitSet.Get(state.State.DoneTiles, ordinal) && Verification.CreditKey(ordinal) is var key && pending.Contains(key))
            {
                lost.Add(key);
                Verification.Retire(ordinal);
            }
        }

        if (lost.Count == 0)
        {
            return;
        }

        // The new keys are durable before the ledger refuses the old ones, as for any rejection.
        await WriteStateAsync();
        foreach (var chunk in lost.Chunk(MaxRetiredPerCall))
        {
            await WithLedgerRetriesAsync(ledger => ledger.RejectAsync(JobId, chunk, LostRenderReason));
        }

        LogRetired(JobId, lost.Count);
    }

    private async Task StoreFrameAsync(int frameOffset)
    {
        int frame = Layout.Spec.FirstFrame + frameOffset;
        var buffer = FrameBufferFor(frameOffset);
        await GrainFactory.GetGrain<IFrameGrain>(TilePlan.FrameId(JobId, frame)).StoreAsync(
            buffer.Width, buffer.Height, new PackedFloats(buffer.Pixels));
        BitSet.Set(state.State.StoredFrames, frameOffset);
        state.State.FramesDone++;
        await WriteStateAsync();
        _frames.Remove(frameOffset);
        await PublishAsync(
            new JobProgressEvent(JobId, JobProgressKind.FrameCompleted, frame, -1, null, state.State.TilesDone, Layout.Total, null));

        // The frame is durable, so the units' copies are no longer needed; losing a release only costs memory until
        // the idle unit grains are collected (units of an earlier activation of this job are left to that).
        var releases = (_frameUnits.Remove(frameOffset, out var units) ? units : [])
            .Select(unit => GrainFactory.GetGrain<IWorkUnitGrain>(unit).ReleaseAsync());
        try
        {
            await Task.WhenAll(releases);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, JobId, frame);
        }
    }

    /// <summary>Remembers a first render's unit grain, which holds its pixels until the frame is stored.</summary>
    private void TrackUnit(UnitAttempt attempt)
    {
        var unitId = attempt.Result!.UnitId;
        if (attempt.Requests[0].Kind != AttemptKind.Primary || unitId.Contains('#', StringComparison.Ordinal))
        {
            // Checks and re-issues deactivate once answered: nothing to release.
            return;
        }

        int frameOffset = Layout.FrameOffset(attempt.Requests[0].Ordinal);
        if (!_frameUnits.TryGetValue(frameOffset, out var units))
        {
            units = [];
            _frameUnits[frameOffset] = units;
        }

        units.Add(unitId);
    }

    private bool IsFrameRendered(int frameOffset)
    {
        for (int tile = 0; tile < Layout.TilesPerFrame; tile++)
        {
            if (!BitSet.Get(state.State.DoneTiles, (frameOffset * Layout.TilesPerFrame) + tile))
            {
                return false;
            }
        }

        return true;
    }

    private FrameBuffer FrameBufferFor(int frameOffset)
    {
        if (!_frames.TryGetValue(frameOffset, out var buffer))
        {
            buffer = new FrameBuffer(Layout.Spec.Width, Layout.Spec.Height);
            _frames[frameOffset] = buffer;
        }

        return buffer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not release the tiles of frame {Frame}")]
    private partial void LogReleaseFailed(Exception ex, string jobId, int frame);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Job {JobId}: {Tiles} unverified render(s) lost with its previous activation: their pending credits rejected")]
    private partial void LogRetired(string jobId, int tiles);
}
