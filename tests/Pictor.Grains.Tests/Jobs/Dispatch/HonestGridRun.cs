using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>
/// One job driven through the dispatcher and verification as its grain drives them, on honest workers, without a
/// cluster: every unit in flight answers at once each round, the dispatcher refills before verification decides (as
/// the grain does), and a unit goes to the least-loaded slot of its silo that it does not exclude.
/// </summary>
internal sealed class HonestGridRun(DispatchFakes fakes, IReadOnlyList<SiloCapacity> silos)
{
    private readonly Dictionary<string, int> _assigned = new(StringComparer.Ordinal);

    /// <summary>Tiles rendered as first renders.</summary>
    public int FirstRenders { get; private set; }

    /// <summary>Tiles rendered for verification (checks and tie-breaks).</summary>
    public int CheckRenders { get; private set; }

    /// <summary>Each tile's final decisions, by ordinal.</summary>
    public Dictionary<int, int> Finals { get; } = [];

    /// <summary>
    /// Most unverified tiles a worker had out while it was a newcomer (every tile checked): first renders sent and not
    /// yet decided, plus its renders awaiting a check.
    /// </summary>
    public Dictionary<string, int> MostUnverifiedAsNewcomer { get; } = new(StringComparer.Ordinal);

    /// <summary>The worker each unit went to, in order.</summary>
    public List<(UnitOrder Order, string Worker)> Units { get; } = [];

    /// <summary>Why the run stopped short of the end, when it did (nothing could be sent and nothing was in flight).</summary>
    public string? StuckBecause { get; private set; }

    /// <summary>Check renders per tile of the job.</summary>
    public double CheckShare => (double)CheckRenders / fakes.Job.Total;

    /// <summary>Runs the job to its end, or until it is stuck.</summary>
    /// <returns>This run.</returns>
    public HonestGridRun Run()
    {
        var dispatcher = fakes.Dispatcher;
        var inflight = new List<(UnitOrder Order, string? Worker)>();
        int slots = silos.Sum(s => s.Slots.Count);
        while (true)
        {
            Send(dispatcher.NextUnits([.. silos], slots), inflight);
            if (inflight.Count == 0)
            {
                var closing = fakes.Verification.CloseWindows();
                dispatcher.Enqueue(closing);
                if (dispatcher.Drained)
                {
                    return this;
                }

                if (closing.Count == 0)
                {
                    StuckBecause = dispatcher.Waiting ?? "nothing could be sent";
                    return this;
                }

                continue;
            }

            var rendered = new List<TileAttempt>();
            foreach (var (order, worker) in inflight)
            {
                var attempt = worker is null ? DispatchFakes.Fail(order, UnitOutcome.Misplaced) : fakes.Render(order, worker);
                rendered.AddRange(dispatcher.Returned(attempt, [.. silos]).Rendered);
            }

            inflight.Clear();

            // The grain refills before the bookkeeping: the worst case for a bound that counts undecided tiles.
            Send(dispatcher.NextUnits([.. silos], slots), inflight);
            var decision = fakes.Verification.Decide(rendered);
            foreach (string worker in decision.Blocklist)
            {
                dispatcher.Failures.Blocklist(worker);
            }

            foreach (var final in decision.Finals)
            {
                Finals[final.Ordinal] = Finals.GetValueOrDefault(final.Ordinal) + 1;
            }

            dispatcher.Enqueue(decision.FollowUps);
            Observe();
        }
    }

    private void Send(List<UnitOrder> orders, List<(UnitOrder Order, string? Worker)> inflight)
    {
        foreach (var order in orders)
        {
            string? worker = WorkerFor(order);
            if (worker is not null)
            {
                Units.Add((order, worker));
                _assigned[worker] = _assigned.GetValueOrDefault(worker) + order.Requests.Count;
                if (order.Requests[0].Kind == AttemptKind.Primary)
                {
                    FirstRenders += order.Requests.Count;
                }
                else
                {
                    CheckRenders += order.Requests.Count;
                }
            }

            inflight.Add((order, worker));
        }

        Observe();
    }

    /// <summary>The slot a silo's pool would lease for the unit: one it does not exclude, the least loaded so far.</summary>
    private string? WorkerFor(UnitOrder order)
    {
        var excluded = order.Work.ExcludedWorkers ?? [];
        return silos.Where(s => order.Silo is null || s.SiloAddress == order.Silo)
            .SelectMany(s => s.Slots)
            .Where(s => s.Eligible && !excluded.Contains(s.WorkerId))
            .Select(s => s.WorkerId)
            .OrderBy(w => _assigned.GetValueOrDefault(w))
            .ThenBy(w => w, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private void Observe()
    {
        foreach (string worker in silos.SelectMany(s => s.Slots).Select(s => s.WorkerId))
        {
            if (fakes.Verification.Run.Trust.GetValueOrDefault(worker) is not { CheckProbability: < 1 })
            {
                MostUnverifiedAsNewcomer[worker] =
                    Math.Max(MostUnverifiedAsNewcomer.GetValueOrDefault(worker), fakes.Verification.Run.Unverified(worker));
            }
        }
    }
}
