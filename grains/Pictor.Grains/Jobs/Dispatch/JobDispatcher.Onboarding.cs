using Pictor.Contracts.Workers;

namespace Pictor.Grains.Jobs.Dispatch;

/// <content>
/// The onboarding bound: a worker whose tiles are still checked often (a newcomer, or one earning trust) has few
/// unverified tiles out until its verdicts come back.
/// </content>
/// <remarks>
/// A silo's pool gives a unit to whichever of its slots frees first, so a bound per worker needs units that only that
/// worker may take: a bounded worker gets units pinned to its slot (every other slot of its silo excluded), sized to its
/// allowance (<see cref="VerificationStep.OnboardingAllowance"/>), at most <see cref="UnitScheduler.UnitsAheadPerSlot"/>
/// of them in flight; every other first render excludes it. Checks and tie-breaks are not bounded: they are verdicts,
/// which is what a newcomer waits for.
/// </remarks>
internal sealed partial class JobDispatcher
{
    /// <summary>Eligible workers in view, not excluded, that have an onboarding bound, with what they may be sent now.</summary>
    private List<BoundedWorker> BoundedWorkers(IReadOnlyCollection<SiloCapacity> silos, IReadOnlyCollection<string> excluded)
    {
        var bounded = new List<BoundedWorker>();
        foreach (var silo in silos)
        {
            foreach (var slot in silo.Slots.Where(s => s.Eligible && !excluded.Contains(s.WorkerId)))
            {
                int allowance = _verification.OnboardingAllowance(slot.WorkerId);
                if (allowance != int.MaxValue)
                {
                    bounded.Add(new BoundedWorker(silo, slot, allowance));
                }
            }
        }

        return bounded;
    }

    /// <summary>A unit pinned to the bounded worker with the fewest such units out, when one has room; else null.</summary>
    private UnitOrder? NewcomerUnit(
        TileRequest head, bool fromQueue, Sizing context, List<string> excluded, List<BoundedWorker> bounded)
    {
        var now = _clock.GetUtcNow();
        var b = bounded
            .Where(b => b.Allowance > 0 && _pinnedUnits.GetValueOrDefault(b.Slot.WorkerId) < UnitScheduler.UnitsAheadPerSlot
                && !_scheduler.IsSuspect(b.Silo.SiloAddress, now))
            .OrderBy(b => _pinnedUnits.GetValueOrDefault(b.Slot.WorkerId))
            .ThenBy(b => b.Slot.WorkerId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (b is null)
        {
            return null;
        }

        List<string> pinExcluded =
            [.. excluded, .. b.Silo.Slots.Select(s => s.WorkerId).Where(w => !string.Equals(w, b.Slot.WorkerId, StringComparison.Ordinal))];
        int size = Math.Min(
            b.Allowance, _scheduler.SlotTiles(b.Silo.SiloAddress, b.Slot.MsamplesPerSecond, _job.TileSamples, context.MaxTiles));
        var avoid = Failures.SilosToAvoid(context.Silos, pinExcluded);
        return Send(Take(head, fromQueue, size), pinExcluded, b.Silo.SiloAddress, avoid, b.Slot.WorkerId);
    }

    private void PinUnit(string workerId, List<TileRequest> requests)
    {
        _verification.Run.Pin(workerId, requests.Select(r => r.Ordinal));
        _pinnedUnits[workerId] = _pinnedUnits.GetValueOrDefault(workerId) + 1;
        _pinnedUnitHeads[requests[0].Ordinal] = workerId;
    }

    /// <summary>
    /// A pinned unit came back: one unit fewer out on its worker. Tiles that did not render are no longer out at all
    /// (they are queued again and may go elsewhere); rendered ones stay out until verification decides them.
    /// </summary>
    private void Unpin(UnitAttempt attempt)
    {
        if (attempt.Requests.Count == 0 || attempt.Requests[0].Kind != AttemptKind.Primary
            || !_pinnedUnitHeads.Remove(attempt.Requests[0].Ordinal, out string? worker))
        {
            return;
        }

        int left = _pinnedUnits.GetValueOrDefault(worker) - 1;
        if (left > 0)
        {
            _pinnedUnits[worker] = left;
        }
        else
        {
            _pinnedUnits.Remove(worker);
        }

        if (attempt.Outcome != UnitOutcome.Rendered)
        {
            foreach (var request in attempt.Requests)
            {
                _verification.Run.Unpin(request.Ordinal);
            }
        }
    }

    /// <summary>A worker with an onboarding bound, where it is, and how many first renders it may be sent now.</summary>
    private sealed record BoundedWorker(SiloCapacity Silo, SlotCapacity Slot, int Allowance);
}
