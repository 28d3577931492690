using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A running job's dispatch: which work units go out next, and what to make of each that comes back.</summary>
/// <remarks>
/// <para>
/// A plain class, driven by its job grain (which owns the state, the grain calls and the stream): the grain asks
/// <see cref="NextUnits"/> for units to send, sends them, hands each answer to <see cref="Returned"/>, passes the
/// rendered tiles to verification and gives its follow-ups back through <see cref="Enqueue"/>. When nothing is in
/// flight and nothing is queued, the job is done.
/// </para>
/// <para>
/// Tiles wait in two places: fresh ones (never sent by this activation) in ordinal order, and queued ones
/// (retries, checks, tie-breaks), which go first. A unit holds tiles of one frame that share a kind, a variant and
/// the workers excluded from them, sized by <see cref="UnitScheduler"/> to the silo it goes to.
/// </para>
/// </remarks>
internal sealed partial class JobDispatcher
{
    /// <summary>How long new units avoid a silo that could not be reached (other silos permitting).</summary>
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(5);

    private readonly JobLayout _job;
    private readonly GridOptions _options;
    private readonly VerificationStep _verification;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<(int, AttemptKind), int> _attempts = [];
    private readonly Dictionary<(int, AttemptKind), int> _misplaced = [];
    private readonly UnreachableTiles _unreachable = new();
    private readonly UnitQueue _queued;
    private readonly FreshTiles _fresh;
    private readonly UnitScheduler _scheduler;
    private readonly int _maxTilesPerUnit;
    private readonly Dictionary<string, int> _pinnedUnits = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _pinnedUnitHeads = [];
    private int _tilesInFlight;

    /// <summary>Starts the dispatch of a job whose done tiles are <paramref name="doneTiles"/>.</summary>
    /// <param name="job">The job's shape.</param>
    /// <param name="options">Grid options.</param>
    /// <param name="doneTiles">The job's done-tile bits: those tiles are never sent.</param>
    /// <param name="verification">The job's verification (it decides who may check).</param>
    /// <param name="clock">The clock.</param>
    /// <param name="logger">Where retries are logged.</param>
    public JobDispatcher(
        JobLayout job, GridOptions options, byte[] doneTiles, VerificationStep verification, TimeProvider clock, ILogger logger)
    {
        _job = job;
        _options = options;
        _verification = verification;
        _clock = clock;
        _logger = logger;
        _fresh = new FreshTiles(doneTiles, job.Total, job.TilesPerFrame);
        _queued = new UnitQueue(job.TilesPerFrame, VariantOf);
        _scheduler = new UnitScheduler(options);
        _maxTilesPerUnit = Math.Clamp(options.MaxUnitPixels / Math.Max(1, job.Spec.TileSize * job.Spec.TileSize), 1, WorkUnit.MaxTiles);
        Failures = new FailureTracker(options.WorkerFailuresBeforeBlocklist);
    }

    /// <summary>The job's blocklist.</summary>
    public FailureTracker Failures { get; }

    /// <summary>Units sent and not yet returned.</summary>
    public int UnitsInFlight { get; private set; }

    /// <summary>
    /// Why renders the job needs could not be sent in the last <see cref="NextUnits"/> (e.g. waiting for an independent
    /// checker); null when nothing waits for a worker that is not there.
    /// </summary>
    public string? Waiting { get; private set; }

    /// <summary>Whether nothing is in flight and nothing waits: every tile sent has come back and none is left to send.</summary>
    public bool Drained => UnitsInFlight == 0 && _queued.Count == 0 && _fresh.Peek() is null;

    /// <summary>Queues renders decided elsewhere (verification's checks, tie-breaks and re-issues); they go before fresh tiles.</summary>
    /// <param name="requests">The renders.</param>
    public void Enqueue(IEnumerable<TileRequest> requests) => _queued.AddRange(requests);

    /// <summary>The units to send now: as many as the grid can take (each silo a couple of units per slot ahead).</summary>
    /// <param name="silos">The grid's capacity reports.</param>
    /// <param name="speedWeightedSlots">
    /// Slots of the grid weighted by speed (<see cref="Placement.DeviceDirectoryCache.SpeedWeightedSlots"/>).
    /// </param>
    /// <returns>The units, counted as in flight until <see cref="Returned"/> sees them.</returns>
    public List<UnitOrder> NextUnits(IReadOnlyCollection<SiloCapacity> silos, int speedWeightedSlots)
    {
        var orders = new List<UnitOrder>();
        if (_options.MaxTilesInFlightPerJob > 0 && _tilesInFlight >= _options.MaxTilesInFlightPerJob)
        {
            // Nothing is looked at: what waited still waits.
            return orders;
        }

        var waiting = new HashSet<string>(StringComparer.Ordinal);
        Waiting = null;
        while (NextUnit(silos, speedWeightedSlots, waiting) is { } order)
        {
            orders.Add(order);
        }

        return orders;
    }

    /// <summary>Takes back a unit that was sent: learns from it, re-queues its tiles when it did not render.</summary>
    /// <param name="attempt">How it went.</param>
    /// <param name="silos">The grid's capacity reports (for the devices' benchmarks).</param>
    /// <returns>Its rendered tiles, events to publish, and whether the job must fail.</returns>
    public UnitReturn Returned(UnitAttempt attempt, IReadOnlyCollection<SiloCapacity> silos)
    {
        UnitsInFlight--;
        _tilesInFlight -= attempt.Requests.Count;
        Unpin(attempt);
        if (attempt.Silo is not null)
        {
            _scheduler.Returned(attempt.Silo, attempt.Samples);
        }

        return attempt.Outcome switch
        {
            UnitOutcome.Rendered => Rendered(attempt, silos),
            UnitOutcome.Unreachable or UnitOutcome.Misplaced => Lost(attempt),
            _ => Failed(attempt),
        };
    }

    /// <summary>
    /// The next unit to send, or null when nothing can go now. Queued renders go first, in arrival order; a check or
    /// tie-break that no independent worker in view may take waits (<see cref="Waiting"/>) and those behind it go on.
    /// Then fresh tiles.
    /// </summary>
    private UnitOrder? NextUnit(IReadOnlyCollection<SiloCapacity> silos, int speedWeightedSlots, HashSet<string> waiting)
    {
        int cap = _options.MaxTilesInFlightPerJob > 0 ? _options.MaxTilesInFlightPerJob - _tilesInFlight : int.MaxValue;
        if (cap <= 0)
        {
            return null;
        }

        var context = new Sizing(silos, speedWeightedSlots, Math.Min(_maxTilesPerUnit, cap));
        while (_queued.FirstWhere(r => !waiting.Contains(Signature(r))) is { } head)
        {
            var (order, outcome) = head.Kind == AttemptKind.Primary
                ? PrimaryUnit(head, fromQueue: true, context)
                : FollowUpUnit(head, context);
            if (outcome != Placing.NoIndependentWorker)
            {
                return order;
            }

            waiting.Add(Signature(head));
            Waiting ??= WaitingReason(head);
        }

        return _fresh.Peek() is int next ? PrimaryUnit(TileRequest.Primary(next), fromQueue: false, context).Order : null;
    }

    /// <summary>A check or tie-break: to any fit worker independent of the renders it compares, sized by the scheduler.</summary>
    private (UnitOrder? Order, Placing Outcome) FollowUpUnit(TileRequest head, Sizing context)
    {
        var excluded = ExcludedWorkers(head, context.Silos);
        var avoid = Failures.SilosToAvoid(context.Silos, excluded);
        var choice = Choose(context, avoid, excluded);
        if (choice is null)
        {
            if (UnitScheduler.AnyCandidate(context.Silos, avoid, excluded))
            {
                return (null, Placing.Full);
            }

            // Devices in view but none may take it: sent anyway, it would only come back misplaced until the retry window
            // ran out and failed the job for an unreachable silo. It waits for a checker to appear. With no device in
            // view at all it waits too: who is independent of whom is known only from the view, so placement, which
            // knows nothing of owners, never chooses a checker.
            return (null, context.Silos.Any(s => s.Slots.Any(slot => slot.Eligible)) ? Placing.NoIndependentWorker : Placing.Full);
        }

        return (Send(_queued.TakeLike(head, choice.Tiles), excluded, choice.Silo, avoid, pinned: null), Placing.Sent);
    }

    /// <summary>
    /// A first render: to a newcomer with room under its onboarding bound, pinned to its slot; else to the workers without
    /// a bound, where the scheduler chooses.
    /// </summary>
    private (UnitOrder? Order, Placing Outcome) PrimaryUnit(TileRequest head, bool fromQueue, Sizing context)
    {
        var excluded = ExcludedWorkers(head, context.Silos);
        var bounded = BoundedWorkers(context.Silos, excluded);
        if (NewcomerUnit(head, fromQueue, context, excluded, bounded) is { } pinned)
        {
            return (pinned, Placing.Sent);
        }

        // Newcomers take no unit but their own: one that landed on a newcomer's slot could hold thousands of tiles, each
        // checked because its verdicts are not back yet.
        excluded.AddRange(bounded.Select(b => b.Slot.WorkerId));
        var avoid = Failures.SilosToAvoid(context.Silos, excluded);
        var choice = Choose(context, avoid, excluded);

        // Without a usable silo in view (no capacity report yet, or every device excluded) placement decides, one tile
        // at a time: a unit that fits nowhere comes back misplaced and is retried as a lost silo's.
        if (choice is null && (bounded.Count > 0 || UnitScheduler.AnyCandidate(context.Silos, avoid, excluded)
            || UnitsInFlight >= Window(context.SpeedWeightedSlots)))
        {
            return (null, Placing.Full);
        }

        return (Send(Take(head, fromQueue, choice?.Tiles ?? 1), excluded, choice?.Silo, avoid, pinned: null), Placing.Sent);
    }

    private UnitChoice? Choose(Sizing context, IReadOnlyCollection<string> avoid, IReadOnlyCollection<string> excluded)
    {
        long remaining = ((long)_fresh.Remaining + _queued.Count) * _job.TileSamples;
        return _scheduler.Choose(context.Silos, avoid, excluded, _job.TileSamples, remaining, context.MaxTiles, _clock.GetUtcNow());
    }

    private List<TileRequest> Take(TileRequest head, bool fromQueue, int size) =>
        fromQueue ? _queued.TakeLike(head, size) : [.. _fresh.Take(size).Select(TileRequest.Primary)];

    /// <summary>Counts a unit as sent and builds its order.</summary>
    private UnitOrder Send(
        List<TileRequest> requests, List<string> excluded, string? silo, IReadOnlyCollection<string> avoid, string? pinned)
    {
        var work = new WorkUnit(
            _job.JobId,
            _job.Spec,
            _job.Locate(requests[0].Ordinal).Frame,
            [.. requests.Select(r => r.Ordinal % _job.TilesPerFrame)],
            excluded.Count > 0 ? [.. excluded.Distinct(StringComparer.Ordinal)] : null,
            VariantOf(requests[0]).Wire);
        long samples = work.PixelSamples;
        if (silo is not null)
        {
            _scheduler.Dispatched(silo, samples);
        }

        if (pinned is not null)
        {
            PinUnit(pinned, requests);
        }

        UnitsInFlight++;
        _tilesInFlight += requests.Count;
        return new UnitOrder(work, requests, silo, avoid, samples, requests.Max(DelayOf));
    }

    /// <summary>What the units sent in one round are sized by.</summary>
    private sealed record Sizing(IReadOnlyCollection<SiloCapacity> Silos, int SpeedWeightedSlots, int MaxTiles);

    /// <summary>How an attempt to send a unit for a request ended.</summary>
    private enum Placing
    {
        /// <summary>A unit is built.</summary>
        Sent,

        /// <summary>Workers may take it but have enough ahead of them (or the job is at its cap): nothing more now.</summary>
        Full,

        /// <summary>No worker in view may take it (none independent of the renders it checks): it waits.</summary>
        NoIndependentWorker,
    }

    private UnitReturn Rendered(UnitAttempt attempt, IReadOnlyCollection<SiloCapacity> silos)
    {
        var rendered = attempt.Result!;
        if (attempt.Silo is not null)
        {
            double benchmark = silos.SelectMany(s => s.Slots).FirstOrDefault(s => s.WorkerId == rendered.WorkerId)?.MsamplesPerSecond ?? 0;
            _scheduler.Observe(attempt.Silo, attempt.Samples, rendered.RenderSeconds, benchmark);
        }

        var tiles = new List<TileAttempt>(attempt.Requests.Count);
        for (int i = 0; i < attempt.Requests.Count; i++)
        {
            var request = attempt.Requests[i];
            _unreachable.Forget((request.Ordinal, request.Kind));
            tiles.Add(new TileAttempt(request, rendered.Tiles[i]) { ArrivedAt = attempt.ArrivedAt });
        }

        return new UnitReturn(tiles, []);
    }

    /// <summary>
    /// Workers that must not render this request: the job's blocklist, the renders it checks, and (for checks and
    /// tie-breaks) every worker not independent of those renders by owner, then unfit checkers.
    /// </summary>
    private List<string> ExcludedWorkers(TileRequest request, IReadOnlyCollection<SiloCapacity> silos)
    {
        var renderers = request.Prior.Select(p => p.WorkerId).Distinct(StringComparer.Ordinal).ToList();
        var excluded = Failures.Blocklisted.Concat(renderers).Distinct(StringComparer.Ordinal).ToList();
        if (request.Kind != AttemptKind.Primary)
        {
            var candidates = silos.SelectMany(s => s.Slots).Where(s => s.Eligible).Select(s => s.WorkerId)
                .Distinct(StringComparer.Ordinal).ToList();
            excluded.AddRange(_verification.DependentCheckers(candidates.Where(c => !excluded.Contains(c)), renderers));
            excluded.AddRange(_verification.UnfitCheckers(candidates, excluded));
        }

        return excluded;
    }

    /// <summary>Requests that share it also share the workers they exclude: the renders they compare.</summary>
    private static string Signature(TileRequest request) =>
        $"{request.Kind}|{string.Join(',', request.Prior.Select(p => p.WorkerId).Order(StringComparer.Ordinal))}";

    private static string WaitingReason(TileRequest request)
    {
        var renderers = request.Prior.Select(p => p.WorkerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        string what = request.Kind == AttemptKind.Check
            ? $"for the renders of {string.Join(" and ", renderers)}"
            : $"to break the tie between {string.Join(" and ", renderers)}";
        return $"waiting for an independent checker {what}: no eligible worker in view is of another owner, or an anchor";
    }

    private UnitVariant VariantOf(TileRequest request) =>
        _verification.Run.Variant(request, _misplaced.GetValueOrDefault((request.Ordinal, request.Kind)));

    private TimeSpan DelayOf(TileRequest request)
    {
        var key = (request.Ordinal, request.Kind);
        return _unreachable.Tries(key) is > 0 and int lost ? SiloLoss.RetryDelay(lost)
            : _attempts.GetValueOrDefault(key) is > 0 and int tried ? RetryDelay(tried) : TimeSpan.Zero;
    }

    private string Describe(UnitAttempt attempt, out int frame)
    {
        (frame, int tile) = _job.Locate(attempt.Requests[0].Ordinal);
        return attempt.Requests.Count == 1 ? $"tile {tile}" : $"{attempt.Requests.Count} tiles from {tile}";
    }

    /// <summary>
    /// Units to keep in flight while no capacity report says where to send them: configured, or two per eligible slot
    /// weighted by speed, 4 to 512.
    /// </summary>
    private int Window(int speedWeightedSlots) => _options.MaxTilesInFlightPerJob > 0
        ? _options.MaxTilesInFlightPerJob
        : Math.Clamp(2 * speedWeightedSlots, 4, 512);

    /// <summary>Delay before re-issuing a tile: 200 ms doubling per attempt, at most 10 s.</summary>
    private static TimeSpan RetryDelay(int previousAttempts) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, previousAttempts - 1)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Tiles} of frame {Frame} failed (attempt {Attempt})")]
    private partial void LogTileFailed(Exception? ex, string jobId, int frame, string tiles, int attempt);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Job {JobId}: {Tiles} of frame {Frame} could not reach a silo that can take them (try {Try}): {Error}")]
    private partial void LogTileUnreachable(string jobId, int frame, string tiles, int @try, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: worker {WorkerId} blocklisted after {Failures} failed tiles")]
    private partial void LogBlocklisted(string jobId, string workerId, int failures);
}
