using Pictor.Contracts.Workers;
using Pictor.Grains.Verification;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A running job's verification bookkeeping: trust seen, open windows of unchecked tiles, re-issues.</summary>
/// <remarks>
/// Windows and trust seen are in memory: after a restart the job re-renders what was not final, and pending credits of
/// lost windows are never paid. The rejection counts are the job's stored state (<paramref name="rejections"/>): they
/// name the credit key of a tile's next render (<c>#rN</c>), so a restart must not forget them.
/// </remarks>
/// <param name="policy">The trust policy.</param>
/// <param name="comparer">How renders are compared.</param>
/// <param name="secret">The job's check-sampling secret.</param>
/// <param name="rejections">Rejections per tile ordinal, kept in the job's state; counted on in place.</param>
internal sealed class VerificationRun(TrustPolicy policy, TileComparer comparer, uint secret, Dictionary<int, int> rejections)
{
    private readonly Dictionary<string, List<WindowEntry>> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _pinned = [];
    private readonly Dictionary<string, int> _pinnedPerWorker = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _awaitingCheck = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<long>> _undecided = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _closing = new(StringComparer.Ordinal);
    private long _sequence;
    private readonly Dictionary<int, int> _rejections = rejections;

    public TrustPolicy Policy { get; } = policy;

    public TileComparer Comparer { get; } = comparer;

    public uint Secret { get; } = secret;

    public Dictionary<string, TrustRecord> Trust { get; } = new(StringComparer.Ordinal);

    public List<WindowEntry> Window(string workerId)
    {
        if (!_windows.TryGetValue(workerId, out var window))
        {
            window = [];
            _windows[workerId] = window;
        }

        return window;
    }

    /// <summary>Adds an unchecked tile to its worker's window.</summary>
    public void Defer(string workerId, FinalTile tile) => Window(workerId).Add(new WindowEntry(_sequence++, tile));

    /// <summary>A tile of <paramref name="workerId"/> drawn for a check: its place in the order of arrival, undecided.</summary>
    /// <returns>Its sequence number (<see cref="TileRequest.Drawn"/>).</returns>
    public long Draw(string workerId)
    {
        long sequence = _sequence++;
        if (!_undecided.TryGetValue(workerId, out var set))
        {
            set = [];
            _undecided[workerId] = set;
        }

        set.Add(sequence);
        AwaitCheck(workerId);
        return sequence;
    }

    /// <summary>
    /// How many of the oldest entries of the worker's window arrived before its oldest undecided check: every check
    /// drawn among them, or before them, is decided, so a close may confirm them without taking any of its exposure.
    /// </summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="most">Stop counting here.</param>
    public int ClosableEntries(string workerId, int most = int.MaxValue)
    {
        long before = _undecided.TryGetValue(workerId, out var set) && set.Count > 0 ? set.Min : long.MaxValue;
        int count = 0;
        foreach (var entry in Window(workerId))
        {
            if (entry.Sequence >= before || count >= most)
            {
                break;
            }

            count++;
        }

        return count;
    }

    /// <summary>Whether checks that close the worker's window are out (no other close is sent meanwhile).</summary>
    public bool IsClosing(string workerId) => _closing.ContainsKey(workerId);

    /// <summary>A check closing the worker's window is sent.</summary>
    public void CloseSent(string workerId) => _closing[workerId] = _closing.GetValueOrDefault(workerId) + 1;

    /// <summary>A check closing the worker's window is decided.</summary>
    /// <returns>Closing checks of the worker still undecided: at 0, the close's passes may confirm the window.</returns>
    public int CloseDecided(string workerId)
    {
        Decrement(_closing, workerId);
        return _closing.GetValueOrDefault(workerId);
    }

    /// <summary>Workers whose window holds unchecked tiles, with their windows.</summary>
    public List<KeyValuePair<string, List<WindowEntry>>> OpenWindows() => [.. _windows.Where(w => w.Value.Count > 0)];

    public bool HasOpenWindows => _windows.Values.Any(w => w.Count > 0);

    public int Rejections(int ordinal) => _rejections.GetValueOrDefault(ordinal);

    public void Reject(int ordinal) => _rejections[ordinal] = Rejections(ordinal) + 1;

    /// <summary>
    /// Counts first renders sent to <paramref name="workerId"/> under its onboarding bound: out until they come back
    /// and are decided (<see cref="Unpin"/>).
    /// </summary>
    public void Pin(string workerId, IEnumerable<int> ordinals)
    {
        foreach (int ordinal in ordinals)
        {
            Unpin(ordinal);
            _pinned[ordinal] = workerId;
            _pinnedPerWorker[workerId] = _pinnedPerWorker.GetValueOrDefault(workerId) + 1;
        }
    }

    /// <summary>A pinned first render came back and is being decided, or did not render: it is no longer out.</summary>
    public void Unpin(int ordinal)
    {
        if (_pinned.Remove(ordinal, out string? worker))
        {
            Decrement(_pinnedPerWorker, worker);
        }
    }

    /// <summary>A render of <paramref name="workerId"/> was drawn for a check: unverified until the check is decided.</summary>
    public void AwaitCheck(string workerId) => _awaitingCheck[workerId] = _awaitingCheck.GetValueOrDefault(workerId) + 1;

    /// <summary>Checks of renders of <paramref name="workerId"/> drawn or sent and not yet decided.</summary>
    public int AwaitingCheck(string workerId) => _awaitingCheck.GetValueOrDefault(workerId);

    /// <summary>A check of a render of <paramref name="workerId"/> was decided (agreed, or settled by a tie-break).</summary>
    /// <param name="workerId">The worker whose render was checked.</param>
    /// <param name="drawn">The check's <see cref="TileRequest.Drawn"/>; -1 when it has none.</param>
    public void CheckDecided(string workerId, long drawn = -1)
    {
        Decrement(_awaitingCheck, workerId);
        if (drawn >= 0 && _undecided.TryGetValue(workerId, out var set))
        {
            set.Remove(drawn);
        }
    }

    /// <summary>
    /// The worker's unverified tiles out: first renders sent under its onboarding bound and not yet decided, plus its
    /// renders drawn for a check whose verdict has not come.
    /// </summary>
    public int Unverified(string workerId) => _pinnedPerWorker.GetValueOrDefault(workerId) + _awaitingCheck.GetValueOrDefault(workerId);

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        int left = counts.GetValueOrDefault(key) - 1;
        if (left > 0)
        {
            counts[key] = left;
        }
        else
        {
            counts.Remove(key);
        }
    }

    /// <summary>The unit-grain variant of a request: checks, tie-breaks, re-issues and fresh placements each get their own grain.</summary>
    public UnitVariant Variant(TileRequest request, int replacements) => new(request.Kind, Rejections(request.Ordinal), replacements);
}
