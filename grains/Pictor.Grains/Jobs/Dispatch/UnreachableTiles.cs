namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A job's tiles whose silo could not be reached: since when, and how many tries, per render.</summary>
internal sealed class UnreachableTiles
{
    private readonly Dictionary<(int Ordinal, AttemptKind Kind), (DateTimeOffset Since, int Tries)> _tiles = [];

    /// <summary>Records one more unreachable failure of a render.</summary>
    /// <param name="key">The render: tile ordinal and kind.</param>
    /// <param name="now">The time of the failure.</param>
    /// <returns>How long the render has been unreachable, and the tries so far (1 for the first).</returns>
    public (TimeSpan For, int Tries) Record((int Ordinal, AttemptKind Kind) key, DateTimeOffset now)
    {
        var (since, tries) = _tiles.TryGetValue(key, out var seen) ? seen : (now, 0);
        _tiles[key] = (since, tries + 1);
        return (now - since, tries + 1);
    }

    /// <summary>Unreachable failures of a render so far.</summary>
    /// <param name="key">The render.</param>
    /// <returns>0 when it never failed that way (or answered since).</returns>
    public int Tries((int Ordinal, AttemptKind Kind) key) => _tiles.TryGetValue(key, out var seen) ? seen.Tries : 0;

    /// <summary>Forgets a render that answered.</summary>
    /// <param name="key">The render.</param>
    public void Forget((int Ordinal, AttemptKind Kind) key) => _tiles.Remove(key);
}
