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
        while (NextUnit(silos, speedWeightedSlots) is { } order)
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

    private UnitOrder? NextUnit(IReadOnlyCollection<SiloCapacity> silos, int speedWeightedSlots)
    {
        int cap = _options.MaxTilesInFlightPerJob > 0 ? _options.MaxTilesInFlightPerJob - _tilesInFlight : int.MaxValue;
        TileRequest? head = _queued.First ?? (_fresh.Peek() is int next ? TileRequest.Primary(next) : null);
        if (cap <= 0 || head is null)
        {
            return null;
        }

        var excluded = ExcludedWorkers(head, silos);
        var avoid = Failures.SilosToAvoid(silos, excluded);
        long remaining = ((long)_fresh.Remaining + _queued.Count) * _job.TileSamples;
        var now = _clock.GetUtcNow();
        var choice = _scheduler.Choose(silos, avoid, excluded, _job.TileSamples, remaining, Math.Min(_maxTilesPerUnit, cap), now);

        // Without a usable silo in view (no capacity report yet, or every device excluded) placement decides, one tile
        // at a time: a unit that fits nowhere comes back misplaced and is retried as a lost silo's.
        if (choice is null && (UnitScheduler.AnyCandidate(silos, avoid, excluded) || UnitsInFlight >= Window(speedWeightedSlots)))
        {
            return null;
        }

        int size = choice?.Tiles ?? 1;
        List<TileRequest> requests = _queued.Count > 0 ? _queued.TakeLike(head, size) : [.. _fresh.Take(size).Select(TileRequest.Primary)];
        var work = new WorkUnit(
            _job.JobId,
            _job.Spec,
            _job.Locate(requests[0].Ordinal).Frame,
            [.. requests.Select(r => r.Ordinal % _job.TilesPerFrame)],
            excluded.Count > 0 ? excluded : null,
            VariantOf(requests[0]).Wire);
        long samples = work.PixelSamples;
        if (choice is not null)
        {
            _scheduler.Dispatched(choice.Silo, samples);
        }

        UnitsInFlight++;
        _tilesInFlight += requests.Count;
        return new UnitOrder(work, requests, choice?.Silo, avoid, samples, requests.Max(DelayOf));
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
    /// Workers that must not render this request: the job's blocklist, the renders it checks, and (for checks) unfit
    /// checkers.
    /// </summary>
    private List<string> ExcludedWorkers(TileRequest request, IReadOnlyCollection<SiloCapacity> silos)
    {
        var excluded = Failures.Blocklisted.Concat(request.Prior.Select(p => p.WorkerId)).Distinct(StringComparer.Ordinal).ToList();
        if (request.Kind != AttemptKind.Primary)
        {
            var candidates = silos.SelectMany(s => s.Slots).Where(s => s.Eligible).Select(s => s.WorkerId);
            excluded.AddRange(_verification.UnfitCheckers(candidates, excluded));
        }

        return excluded;
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
