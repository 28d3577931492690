namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>The job's tiles never sent out by this activation, taken in ordinal order, frame by frame.</summary>
/// <param name="done">The job's done-tile bits (tiles already done are skipped).</param>
/// <param name="total">Tiles in the job.</param>
/// <param name="tilesPerFrame">Tiles per frame: a take never crosses a frame.</param>
internal sealed class FreshTiles(byte[] done, int total, int tilesPerFrame)
{
    private int _next;

    /// <summary>Ordinals not yet taken (done ones included, so an upper bound).</summary>
    public int Remaining => total - _next;

    /// <summary>The next ordinal to take, or null when none is left.</summary>
    /// <returns>The ordinal.</returns>
    public int? Peek()
    {
        while (_next < total && BitSet.Get(done, _next))
        {
            _next++;
        }

        return _next < total ? _next : null;
    }

    /// <summary>Takes up to <paramref name="max"/> ordinals that are not done, all of the frame of the next one.</summary>
    /// <param name="max">Most ordinals to take (at least 1).</param>
    /// <returns>Ascending ordinals; empty when none is left.</returns>
    public List<int> Take(int max)
    {
        var taken = new List<int>();
        if (Peek() is not int first)
        {
            return taken;
        }

        int frameEnd = ((first / tilesPerFrame) + 1) * tilesPerFrame;
        while (taken.Count < max && _next < frameEnd)
        {
            if (!BitSet.Get(done, _next))
            {
                taken.Add(_next);
            }

            _next++;
        }

        return taken;
    }
}
