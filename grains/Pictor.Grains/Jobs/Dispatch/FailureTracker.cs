using Pictor.Contracts.Workers;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>Counts a job's failed tiles per worker and blocklists a worker after too many.</summary>
/// <param name="threshold">Failures after which a worker gets no more of the job's tiles.</param>
internal sealed class FailureTracker(int threshold)
{
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocklisted = new(StringComparer.Ordinal);

    /// <summary>Workers that get no more of this job's tiles.</summary>
    public IReadOnlySet<string> Blocklisted => _blocklisted;

    /// <summary>Records a failed tile of <paramref name="workerId"/>.</summary>
    /// <param name="workerId">The worker at fault.</param>
    /// <returns>True when this failure blocklisted the worker.</returns>
    public bool RecordFailure(string workerId)
    {
        int count = _failures[workerId] = _failures.GetValueOrDefault(workerId) + 1;
        return count >= threshold && _blocklisted.Add(workerId);
    }

    /// <summary>Blocklists a worker at once (found wrong by verification, or quarantined).</summary>
    /// <param name="workerId">The worker.</param>
    public void Blocklist(string workerId) => _blocklisted.Add(workerId);

    /// <summary>Silos none of whose eligible workers may take the job's tiles any more.</summary>
    /// <param name="silos">The grid's capacity reports.</param>
    /// <param name="excluded">Workers excluded from this one render (blocklisted ones included).</param>
    /// <returns>Their addresses.</returns>
    public IReadOnlyCollection<string> SilosToAvoid(IEnumerable<SiloCapacity> silos, IReadOnlyCollection<string> excluded) =>
        excluded.Count == 0
            ? []
            : silos.Where(s => s.Slots.Where(slot => slot.Eligible).All(slot => excluded.Contains(slot.WorkerId)))
                .Select(s => s.SiloAddress).ToList();
}
