using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;
using Pictor.Grains.Verification;
using Xunit.Abstractions;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>
/// A selective cheater against per-tile check draws: every bad tile stays exposed to its own draw and to every other
/// bad tile's, so a worker with b bad tiles at check probability p is caught, and all its bad tiles refused, with
/// probability at least <c>1 - (1 - p)^b</c> (one passing check used to vouch for a whole window: about p + f per tile).
/// </summary>
public sealed class SelectiveCheaterTests(ITestOutputHelper output)
{
    private const double Share = 0.05;

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(256, 400, 0)]
    [InlineData(512, 200, 0)]
    [InlineData(512, 200, 128)]
    public void ASelectiveCheaterAtFivePercentIsCaughtAtLeastAsOftenAsEachBadTileDrawnOnItsOwn(
        int size, int jobs, int windowTiles)
    {
        var outcomes = new List<JobOutcome>();
        var cheater = new Random(20261204);
        for (int job = 0; job < jobs; job++)
        {
            var options = new GridOptions();
            options.Verification.WindowTiles = windowTiles;
            var f = new DispatchFakes(width: size, height: size, options: options, verification: true);
            outcomes.Add(new CheaterJob(f, secret: (uint)(0x5EC0_0000 + job), cheater, Share).Run());
        }

        // The cheater sits at the floor for the whole job (valid verdicts keep it there until it is caught). Its bad tiles
        // are the ones it plans (a caught cheater is blocklisted and renders no more, so fewer are rendered): each planned
        // one is drawn on its own, and any one drawn catches it.
        double p = new VerificationOptions().Floor;
        var bounds = outcomes.Select(o => 1 - Math.Pow(1 - p, o.Planned)).ToList();
        double bound = bounds.Average();
        double sigma = Math.Sqrt(bounds.Sum(b => b * (1 - b))) / jobs;
        double caught = outcomes.Count(o => o.Caught) / (double)jobs;

        // Per bad tile rendered: refused (never paid, never final). One passing check vouching for a window refused a bad
        // tile only when it was drawn itself or the window's next check fell on a bad tile: p + (1 - p) f.
        int bad = outcomes.Sum(o => o.Bad);
        double refused = outcomes.Sum(o => o.BadRefused) / (double)bad;
        double windowVouching = p + ((1 - p) * Share);
        int tiles = outcomes.Sum(o => o.Tiles);
        int checks = outcomes.Sum(o => o.Checks);
        double planned = outcomes.Average(o => o.Planned);
        output.WriteLine($"window bound {windowTiles}: {jobs} jobs of {outcomes[0].Tiles} tiles, p = {p}");
        output.WriteLine($"{planned:F1} bad tiles planned a job, {bad} rendered");
        output.WriteLine($"cheater caught in {caught:P2} of jobs; bound 1-(1-p)^b {bound:P2} (3 sigma {3 * sigma:P2})");
        output.WriteLine($"bad tiles rendered and refused {refused:P2}; window vouching refused ~{windowVouching:P2}");
        output.WriteLine($"checks and tie-breaks {checks} over {tiles} tiles = {checks / (double)tiles:P2}");

        Assert.InRange(caught, bound - (3 * sigma), 1.0);
        Assert.InRange(refused, 2 * windowVouching, 1.0);

        // Without a window bound a bad tile is never paid or final unless the worker went uncaught through the whole job.
        Assert.All(outcomes, o => Assert.Equal(o.Bad, o.BadRefused + o.BadPaid));
        Assert.All(outcomes.Where(o => o.Caught && windowTiles == 0), o => Assert.Equal(0, o.BadPaid));
        Assert.All(outcomes, o => Assert.Equal(o.BadPaid, o.BadFinal));
        Assert.All(outcomes, o => Assert.True(o.EveryTileFinalOnce, "every tile final exactly once"));
        Assert.All(outcomes, o => Assert.Equal(0, o.PendingLeft));
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(0)]
    [InlineData(64)]
    public void HonestWorkersAreNeverRejected_EveryCreditIsConfirmed_AndChecksStayWithinTheirShare(int windowTiles)
    {
        var outcomes = new List<JobOutcome>();
        var never = new Random(1);
        for (int job = 0; job < 100; job++)
        {
            var options = new GridOptions();
            options.Verification.WindowTiles = windowTiles;
            var f = new DispatchFakes(width: 256, height: 256, options: options, verification: true);
            outcomes.Add(new CheaterJob(f, secret: (uint)(0xC0DE_0000 + job), never, share: 0).Run());
        }

        int tiles = outcomes.Sum(o => o.Tiles);
        int checks = outcomes.Sum(o => o.Checks);
        output.WriteLine($"honest, window bound {windowTiles}: {tiles} tiles, {checks} checks = {checks / (double)tiles:P2}, 0 rejected");
        Assert.All(outcomes, o => Assert.False(o.Caught));
        Assert.All(outcomes, o => Assert.Equal(0, o.Rejected));
        Assert.All(outcomes, o => Assert.Equal(0, o.Invalid));
        Assert.All(outcomes, o => Assert.Equal(o.Tiles, o.Confirmed));
        Assert.All(outcomes, o => Assert.True(o.EveryTileFinalOnce, "every tile final exactly once"));
        Assert.All(outcomes, o => Assert.Equal(0, o.PendingLeft));

        // The floor's share (3 %), two closing checks a job and two a bounded window, and a margin of half a percent.
        double share = 0.03 + (2.0 / 256) + (windowTiles > 0 ? 2.0 / windowTiles : 0) + 0.005;
        Assert.InRange(checks / (double)tiles, 0.0, share);
    }

    /// <summary>What one job did with the cheater's renders.</summary>
    private sealed record JobOutcome(
        int Tiles, int Planned, int Bad, bool Caught, int BadPaid, int BadRefused, int BadFinal, int Checks, int Rejected, int Invalid,
        int Confirmed, int PendingLeft, bool EveryTileFinalOnce);

    /// <summary>
    /// One job on a cheater at the check floor, an anchor that checks and an anchor that breaks ties (both honest), and
    /// an honest anchor that renders what is re-issued. The cheater renders 32 tiles a unit; checks come back before its
    /// next unit. It renders the last tile of each unit honestly (its guess at the tile a closing check would take) and
    /// a fraction <c>share</c> of the others wrong, chosen at random: blind checks leave it nothing better to go by.
    /// </summary>
    private sealed class CheaterJob(DispatchFakes f, uint secret, Random cheater, double share)
    {
        private const int UnitTiles = 32;
        private readonly VerificationStep _step = new(f.Job, f.Options.Verification, secret, f.Clock);
        private readonly Dictionary<string, bool> _cheaterKeys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _finals = [];
        private int _planned;
        private int _bad;
        private int _badPaid;
        private int _badRefused;
        private int _badFinal;
        private int _checks;
        private int _rejected;
        private int _invalid;
        private int _confirmed;
        private bool _caught;
        private bool _blocked;

        public JobOutcome Run()
        {
            Know("cheat", f.Trusted());
            Know("checker", f.Anchor());
            Know("third", f.Anchor());
            Know("other", f.Anchor());
            var queue = new Queue<TileRequest>();
            int next = 0;
            int total = f.Job.Total;

            // Planned before the job: the last tile of each unit honest, a share of the others wrong.
            var plan = Enumerable.Range(0, total).Select(o => o % UnitTiles != UnitTiles - 1 && cheater.NextDouble() < share).ToList();
            _planned = plan.Count(b => b);
            while (true)
            {
                var batch = new List<TileAttempt>();
                while (queue.TryDequeue(out var request))
                {
                    batch.Add(Answer(request));
                }

                if (batch.Count == 0 && next < total)
                {
                    int end = Math.Min(total, next + UnitTiles);
                    for (; next < end; next++)
                    {
                        batch.Add(_blocked ? Answer(TileRequest.Primary(next)) : Cheat(next, plan[next]));
                    }
                }

                if (batch.Count == 0)
                {
                    var closing = _step.CloseWindows();
                    if (closing.Count == 0)
                    {
                        break;
                    }

                    closing.ForEach(queue.Enqueue);
                    continue;
                }

                Apply(_step.Decide(batch), queue);
            }

            bool finalOnce = _finals.Count == total && _finals.Values.All(n => n == 1);
            return new JobOutcome(
                total, _planned, _bad, _caught, _badPaid, _badRefused, _badFinal, _checks, _rejected, _invalid, _confirmed, _pending.Count,
                finalOnce);
        }

        private TileAttempt Cheat(int ordinal, bool bad)
        {
            _bad += bad ? 1 : 0;
            _cheaterKeys[_step.CreditKey(ordinal)] = bad;
            return new TileAttempt(TileRequest.Primary(ordinal), f.Prior(ordinal, "cheat", bias: bad ? 0.5f : 0));
        }

        /// <summary>Honest answers: checks by the checker, tie-breaks by the third, re-issued tiles by the other.</summary>
        private TileAttempt Answer(TileRequest request)
        {
            string worker = request.Kind switch
            {
                AttemptKind.Check => "checker",
                AttemptKind.Tiebreak => "third",
                _ => "other",
            };
            _checks += request.Kind == AttemptKind.Primary ? 0 : 1;
            return new TileAttempt(request, f.Prior(request.Ordinal, worker));
        }

        private void Apply(VerificationDecision d, Queue<TileRequest> queue)
        {
            foreach (var credit in d.Credits.Where(c => c.Pending))
            {
                _pending.Add(credit.TileId);
            }

            foreach (string key in d.Confirm)
            {
                _pending.Remove(key);
                _confirmed++;
                _badPaid += _cheaterKeys.GetValueOrDefault(key) ? 1 : 0;
            }

            foreach (string key in d.Reject)
            {
                _pending.Remove(key);
                _rejected++;
                _badRefused += _cheaterKeys.GetValueOrDefault(key) ? 1 : 0;
            }

            foreach (var final in d.Finals)
            {
                _finals[final.Ordinal] = _finals.GetValueOrDefault(final.Ordinal) + 1;
                bool cheaterRender = final.Result.WorkerId == "cheat";
                _badFinal += cheaterRender && _cheaterKeys.GetValueOrDefault(_step.CreditKey(final.Ordinal)) ? 1 : 0;
            }

            int invalid = d.Verdicts.Count(v => v.WorkerId == "cheat" && v.Decision.Verdict == TrustVerdict.Invalid);
            _invalid += invalid;
            _caught |= invalid > 0;
            _blocked |= d.Blocklist.Contains("cheat");
            d.FollowUps.ForEach(queue.Enqueue);
        }

        private void Know(string worker, TrustRecord trust)
        {
            _step.Register(worker, new WorkerRegistration(worker, "host-" + worker, "silo-" + worker,
                new DeviceSpec("cpu", worker, 1 << 30, 1, "cpu"), "0xwallet-" + worker, 1));
            _step.Learn(worker, trust);
        }
    }
}
