using Pictor.Contracts.Workers;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>One job's choice of where its next work unit goes and how many tiles it holds.</summary>
/// <remarks>
/// <para>
/// Each unit is sized to the device it goes to: about <see cref="GridOptions.WorkUnitSeconds"/> of compute on one of
/// the silo's slots at that slot's speed, so the fixed cost of a unit (one grain call, a scene lookup, the result's
/// transfer, the job's bookkeeping) is a small share of it on a CPU core and on a GPU alike. Near the end of the
/// job units shrink (guided self-scheduling: at most half a slot's fair share of the work left), so no device
/// finishes long after the others.
/// </para>
/// <para>
/// The unit goes to the silo that finishes it soonest: the job's own work in flight there plus the unit, over the
/// silo's speed. Speed starts as the devices' benchmark and follows what the job measures (a heavy scene is slower
/// than the benchmark on every device, not on all alike). A silo gets more only while its queue is shorter than
/// <see cref="UnitsAheadPerSlot"/> units per slot (or, for a device slower than that, two of its smallest units), so
/// every device stays fed and none hoards the tail. A 3× faster silo therefore takes 3× larger units at the same
/// rate: about 3× the tiles.
/// </para>
/// </remarks>
internal sealed class UnitScheduler(GridOptions options)
{
    /// <summary>Units each slot has queued or rendering before it gets more.</summary>
    public const int UnitsAheadPerSlot = 2;

    private const double MeasuredWeight = 0.3;

    private readonly Dictionary<string, double> _inflight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _speedRatio = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _suspect = new(StringComparer.Ordinal);

    /// <summary>Counts a unit sent to <paramref name="silo"/>.</summary>
    /// <param name="silo">The silo address.</param>
    /// <param name="samples">The unit's pixel-samples.</param>
    public void Dispatched(string silo, long samples) => _inflight[silo] = _inflight.GetValueOrDefault(silo) + samples;

    /// <summary>Forgets a unit that came back (rendered or not).</summary>
    /// <param name="silo">The silo it was sent to.</param>
    /// <param name="samples">The unit's pixel-samples.</param>
    public void Returned(string silo, long samples)
    {
        double left = _inflight.GetValueOrDefault(silo) - samples;
        if (left <= 0.5)
        {
            _inflight.Remove(silo);
        }
        else
        {
            _inflight[silo] = left;
        }
    }

    /// <summary>Learns how fast a silo's device really is on this job against its benchmark.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="samples">Pixel-samples of the unit.</param>
    /// <param name="seconds">Device seconds the unit took.</param>
    /// <param name="benchmark">The device's benchmark, in Msamples/s.</param>
    public void Observe(string silo, long samples, double seconds, double benchmark)
    {
        if (seconds <= 0 || benchmark <= 0 || samples <= 0)
        {
            return;
        }

        double ratio = samples / seconds / 1e6 / benchmark;
        _speedRatio[silo] = _speedRatio.TryGetValue(silo, out double old) ? ((1 - MeasuredWeight) * old) + (MeasuredWeight * ratio) : ratio;
    }

    /// <summary>Keeps new units away from a silo that could not be reached, for a while (other silos permitting).</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="until">Until when.</param>
    public void Suspect(string silo, DateTimeOffset until) => _suspect[silo] = until;

    /// <summary>Whether new units should keep away from <paramref name="silo"/> now (it could not be reached lately).</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="now">The time.</param>
    /// <returns>True while it is suspect.</returns>
    public bool IsSuspect(string silo, DateTimeOffset now) => _suspect.TryGetValue(silo, out var until) && until > now;

    /// <summary>
    /// Tiles of a unit for one slot: about <see cref="GridOptions.WorkUnitSeconds"/> at its speed, 1 to
    /// <paramref name="maxTiles"/>.
    /// </summary>
    /// <param name="silo">The slot's silo (its measured speed against the benchmark counts).</param>
    /// <param name="slotMsamples">The slot's benchmark, in Msamples/s (0 counts as 1).</param>
    /// <param name="tileSamples">Pixel-samples of one (full) tile.</param>
    /// <param name="maxTiles">Most tiles one unit may hold.</param>
    /// <returns>The tile count.</returns>
    public int SlotTiles(string silo, double slotMsamples, long tileSamples, int maxTiles)
    {
        double ratio = _speedRatio.GetValueOrDefault(silo, _speedRatio.Count > 0 ? _speedRatio.Values.Average() : 1);
        double target = options.WorkUnitSeconds * (slotMsamples > 0 ? slotMsamples : 1) * ratio * 1e6;
        return (int)Math.Clamp(Math.Floor(target / Math.Max(1, tileSamples)), 1, Math.Max(1, maxTiles));
    }

    /// <summary>Chooses the silo for the next unit and its size.</summary>
    /// <param name="silos">The grid's capacity reports.</param>
    /// <param name="avoid">Silos this unit must not go to.</param>
    /// <param name="excludedWorkers">Workers that must not render it (their slots do not count).</param>
    /// <param name="tileSamples">Pixel-samples of one (full) tile.</param>
    /// <param name="remainingSamples">Pixel-samples of the job not yet sent out.</param>
    /// <param name="maxTiles">Most tiles one unit may hold.</param>
    /// <param name="now">The time (for suspect silos).</param>
    /// <returns>The choice; null when no silo can take the unit, or every one has enough ahead of it.</returns>
    public UnitChoice? Choose(
        IEnumerable<SiloCapacity> silos, IReadOnlyCollection<string> avoid, IReadOnlyCollection<string> excludedWorkers, long tileSamples,
        long remainingSamples, int maxTiles, DateTimeOffset now)
    {
        var candidates = Candidates(silos, avoid, excludedWorkers).ToList();
        var trusted = candidates.Where(c => !IsSuspect(c.Silo, now)).ToList();
        if (trusted.Count > 0)
        {
            candidates = trusted;
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        double globalRatio = _speedRatio.Count > 0 ? _speedRatio.Values.Average() : 1;
        var speeds = candidates
            .Select(c => _speedRatio.GetValueOrDefault(c.Silo, globalRatio) is var r
                ? new Candidate(c.Silo, c.Speed * r, c.PerSlot * r)
                : c)
            .ToList();
        double total = speeds.Sum(c => c.Speed);
        double horizon = UnitsAheadPerSlot * speeds.Max(c => Math.Max(options.WorkUnitSeconds, tileSamples / (c.PerSlot * 1e6)));
        UnitChoice? best = null;
        foreach (var c in speeds)
        {
            double target = options.WorkUnitSeconds * c.PerSlot * 1e6;
            double guided = remainingSamples * (c.PerSlot / total) / 2;
            int tiles = (int)Math.Clamp(Math.Floor(Math.Min(target, guided) / Math.Max(1, tileSamples)), 1, Math.Max(1, maxTiles));
            double inflight = _inflight.GetValueOrDefault(c.Silo);
            double finish = (inflight + ((double)tiles * tileSamples)) / (c.Speed * 1e6);
            if (inflight > 0 && finish > horizon)
            {
                continue;
            }

            if (best is null || finish < best.FinishSeconds)
            {
                best = new UnitChoice(c.Silo, tiles, finish);
            }
        }

        return best;
    }

    /// <summary>Whether any silo could take a unit with these exclusions at all.</summary>
    /// <param name="silos">The grid's capacity reports.</param>
    /// <param name="avoid">Silos to avoid.</param>
    /// <param name="excludedWorkers">Workers that must not render it.</param>
    /// <returns>True when at least one eligible slot remains.</returns>
    public static bool AnyCandidate(
        IEnumerable<SiloCapacity> silos, IReadOnlyCollection<string> avoid, IReadOnlyCollection<string> excludedWorkers) =>
        Candidates(silos, avoid, excludedWorkers).Any();

    private static IEnumerable<Candidate> Candidates(
        IEnumerable<SiloCapacity> silos, IReadOnlyCollection<string> avoid, IReadOnlyCollection<string> excludedWorkers)
    {
        foreach (var silo in silos)
        {
            if (avoid.Contains(silo.SiloAddress))
            {
                continue;
            }

            var usable = silo.Slots.Where(s => s.Eligible && !excludedWorkers.Contains(s.WorkerId)).ToList();
            if (usable.Count == 0)
            {
                continue;
            }

            // A slot without a benchmark figure counts as 1 Msamples/s until the job measures it.
            double speed = usable.Sum(s => s.MsamplesPerSecond > 0 ? s.MsamplesPerSecond : 1);
            yield return new Candidate(silo.SiloAddress, speed, speed / usable.Count);
        }
    }

    private sealed record Candidate(string Silo, double Speed, double PerSlot);
}
