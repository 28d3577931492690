using Pictor.Contracts.Workers;

namespace Pictor.Grains.Placement;

/// <summary>This silo's view of the grid's render capacity, refreshed from the device directory.</summary>
/// <remarks>
/// Between refreshes the placement director counts what it placed itself, so a burst of placements spreads
/// instead of piling onto the silo that looked emptiest at the last refresh.
/// </remarks>
public sealed class DeviceDirectoryCache
{
    private readonly Lock _gate = new();
    private Dictionary<string, SiloCapacity> _silos = new(StringComparer.Ordinal);
    private Dictionary<string, int> _placedSinceRefresh = new(StringComparer.Ordinal);

    /// <summary>The latest reports by silo address.</summary>
    public IReadOnlyDictionary<string, SiloCapacity> Silos
    {
        get
        {
            lock (_gate)
            {
                return _silos;
            }
        }
    }

    /// <summary>Eligible slots in the whole grid.</summary>
    public int EligibleSlots => Silos.Values.Sum(s => s.EligibleSlots);

    /// <summary>Eligible slots in the whole grid, each counted as many times as it is faster than the slowest one (rounded up).</summary>
    /// <remarks>
    /// Placement sends a tile where it finishes soonest, so a device r times slower than another gets work only while
    /// the faster one has about r tiles ahead of it. A job that keeps two of these per slot in flight therefore
    /// keeps every eligible device busy, slow ones included, instead of leaving them idle behind a short window.
    /// </remarks>
    public int SpeedWeightedSlots
    {
        get
        {
            var slots = Silos.Values.SelectMany(s => s.Slots).Where(s => s.Eligible).ToList();
            double slowest = slots.Where(s => s.MsamplesPerSecond > 0).Select(s => s.MsamplesPerSecond).DefaultIfEmpty(0).Min();
            if (slowest <= 0)
            {
                return slots.Count;
            }

            double weighted = slots.Sum(s => s.MsamplesPerSecond > 0 ? Math.Ceiling((s.MsamplesPerSecond / slowest) - 1e-9) : 1);
            return (int)Math.Min(weighted, 1 << 20);
        }
    }

    /// <summary>Replaces the view with a fresh snapshot.</summary>
    /// <param name="snapshot">The directory's reports.</param>
    public void Refresh(IEnumerable<SiloCapacity> snapshot)
    {
        var silos = snapshot.ToDictionary(s => s.SiloAddress, StringComparer.Ordinal);
        lock (_gate)
        {
            _silos = silos;
            _placedSinceRefresh = new Dictionary<string, int>(StringComparer.Ordinal);
        }
    }

    /// <summary>Picks, among <paramref name="candidates"/>, the silo expected to finish one more tile soonest, and counts it.</summary>
    /// <param name="candidates">Compatible silo addresses (parsable strings) not excluded.</param>
    /// <returns>The chosen silo, or null when no candidate has a known eligible device.</returns>
    public string? Choose(IReadOnlyList<string> candidates)
    {
        lock (_gate)
        {
            string? best = null;
            double bestFinish = double.MaxValue;
            foreach (string silo in candidates)
            {
                if (!_silos.TryGetValue(silo, out var capacity) || capacity.EligibleSlots == 0)
                {
                    continue;
                }

                // Expected time until one more tile is done: the work ahead of it divided by the silo's speed.
                double speed = capacity.EligibleSpeed > 0 ? capacity.EligibleSpeed : capacity.EligibleSlots;
                double finish = (capacity.Load + _placedSinceRefresh.GetValueOrDefault(silo) + 1) / speed;
                if (finish < bestFinish)
                {
                    bestFinish = finish;
                    best = silo;
                }
            }

            if (best is not null)
            {
                _placedSinceRefresh[best] = _placedSinceRefresh.GetValueOrDefault(best) + 1;
            }

            return best;
        }
    }
}
