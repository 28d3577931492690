using Pictor.Contracts.Jobs;
using Pictor.Grains.Security;

namespace Pictor.Grains.Jobs;

/// <summary>Stores one finished frame durably and serves it in row ranges.</summary>
public sealed class FrameGrain([PersistentState("frame", StorageNames.Grid)] IPersistentState<FrameState> state) : Grain, IFrameGrain
{
    /// <summary>The most floats one read returns (4 MiB), so a message stays small whatever the frame size.</summary>
    public const int MaxFloatsPerRead = 1 << 20;

    async Task IFrameGrain.StoreAsync(int width, int height, PackedFloats packed)
    {
        ArgumentNullException.ThrowIfNull(packed);

        // Only the frame's own job writes it: nobody may pre-seed a frame the job would then keep (first write wins).
        CallerContext.DemandGrainKeyed(ParseKey().Job, $"store frame {this.GetPrimaryKeyString()}");
        float[] pixels = packed.Values;
        if (width <= 0 || height <= 0 || pixels.Length != (long)width * height * 3)
        {
            throw new ArgumentException(
                $"A {width}x{height} frame needs {(long)width * height * 3} floats, not {pixels.Length}.", nameof(packed));
        }

        // The job may store a frame again after a crash between storing and recording it: same key, same pixels.
        if (state.State.Width == width && state.State.Height == height && state.RecordExists)
        {
            return;
        }

        state.State.Width = width;
        state.State.Height = height;
        state.State.Pixels = pixels;
        await state.WriteStateAsync();
    }

    Task<FrameInfo> IFrameGrain.GetInfoAsync()
    {
        var (job, frame) = ParseKey();
        return Task.FromResult(
            new FrameInfo(job, frame, state.State.Width, state.State.Height, state.RecordExists && state.State.Width > 0));
    }

    Task<PackedFloats> IFrameGrain.ReadRowsAsync(int firstRow, int rowCount)
    {
        var s = state.State;
        if (s.Width == 0)
        {
            throw new InvalidOperationException($"Frame {this.GetPrimaryKeyString()} is not stored.");
        }

        if (firstRow < 0 || rowCount <= 0 || firstRow + rowCount > s.Height || (long)rowCount * s.Width * 3 > MaxFloatsPerRead)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rowCount),
                $"Rows {firstRow}..{firstRow + rowCount - 1} are outside 0..{s.Height - 1} or exceed {MaxFloatsPerRead} floats per read.");
        }

        return Task.FromResult(new PackedFloats(s.Pixels.AsSpan(firstRow * s.Width * 3, rowCount * s.Width * 3).ToArray()));
    }

    private (string Job, int Frame) ParseKey()
    {
        string key = this.GetPrimaryKeyString();
        int slash = key.LastIndexOf('/');
        return (key[..slash], int.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
