using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Testing.Cluster;
using Xunit.Abstractions;

namespace Pictor.Grains.Tests.Verification;

/// <summary>Dishonest workers among honest ones, on one backend: every bad tile must be caught and no honest tile refused.</summary>
public sealed class AdversarialWorkersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Dictionary<string, AdversarialDevice> _adversaries = new(StringComparer.Ordinal);
    private GridCluster _cluster = null!;

    private Dictionary<string, AdversarialDevice> Adversaries => _adversaries;

    // The honest slots are the operator's anchors, named in the core's configuration: without an anchor, two cheats
    // with the same wrong answer (black) could vouch for each other while nobody has earned trust yet.
    public async Task InitializeAsync() =>
        _cluster = await new GridClusterBuilder()
            .AddSilo("lab", GridDevices.Slots(LabSlots))
            .ConfigureGrid(o => o.Verification.Anchors.AddRange(["lab/honest-0", "lab/honest-1", "lab/honest-2"]))
            .StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>Three honest slots and five cheats on one silo, recorded so that the test can ask them what they did.</summary>
    private List<WorkerSlot> LabSlots(SiloSpec silo)
    {
        var devices = new List<IRenderDevice>
        {
            new ManagedCpuDevice("honest-0", 1), new ManagedCpuDevice("honest-1", 1), new ManagedCpuDevice("honest-2", 1),
            new BlankDevice(), new OneSppDevice(), new CopyDevice(), new ForeignDevice(), new TurncoatDevice(),
        };
        foreach (var adversary in devices.OfType<AdversarialDevice>())
        {
            _adversaries[adversary.Info.Id] = adversary;
        }

        return [.. devices.Select(d => GridDevices.Slot(silo, d, msamplesPerSecond: 5))];
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Adversaries_EveryBadTileIsCaught_NoHonestTileIsRejected_AndFramesAreExact()
    {
        var client = _cluster.Sdk;
        var honestReference = new ManagedCpuDevice("reference", 2);
        var jobs = new List<(string Id, RenderJobSpec Spec)>();
        // Three jobs, and more (at most sixteen) until the turncoat is quarantined: when it turns depends on how the
        // scheduler spread the first jobs' tiles (a newcomer gets a few tiles at a time until its verdicts are back,
        // while the anchors take the rest), and a quarantine needs two catches, each in a job of its own once the
        // first one blocklists it for that job.
        for (int job = 0; job < 3 || (job < 16 && (await client.GetWorkersAsync()).Single(w => w.Registration.WorkerId.EndsWith("/turncoat",
            StringComparison.Ordinal)).Status != WorkerStatus.Quarantined); job++)
        {
            // 16 spp: at 2 spp many honest tiles of this scene are entirely black, and a blank cheat would be right on them.
            var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 256, 128, 16, TileSize: 16, Seed: (uint)(100 + job));
            string id = $"adversaries-{job}-{Guid.NewGuid():N}";
            await client.SubmitAsync(id, spec);
            var status = await client.WaitAsync(
                id, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            Assert.True(status.Phase == JobPhase.Completed, status.Error);
            jobs.Add((id, spec));

            // Exact frames mean no bad pixel survived verification.
            var frame = await client.GetFrameAsync(id, 0);
            var expected = LocalRenderer.RenderFrame(
                honestReference, FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0)).Pixels;
            var journalNow = await client.ReadJournalAsync();
            for (int t = 0; t < TilePlan.TilesPerFrame(spec); t++)
            {
                var r = TilePlan.Rect(spec, t);
                bool same = true;
                for (int y = r.Y; y < r.Y + r.Height && same; y++)
                {
                    same = expected.AsSpan(((y * spec.Width) + r.X) * 3, r.Width * 3)
                        .SequenceEqual(frame.Pixels.AsSpan(((y * spec.Width) + r.X) * 3, r.Width * 3));
                }

                if (!same)
                {
                    string tileId = TilePlan.TileId(id, 0, t);
                    output.WriteLine(
                        $"tile {t} differs: " + string.Join(
                            "; ",
                            journalNow.Where(e => LedgerEntries.TileOf(e.Credit.TileId) == tileId)
                                .Select(e => $"{e.Kind} {e.Credit.TileId} by {e.Credit.WorkerId}")));
                }
            }

            Assert.Equal(
                LocalRenderer.RenderFrame(
                    honestReference, FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0)).Pixels,
                frame.Pixels);
        }

        var journal = await client.ReadJournalAsync();
        var mine = journal.Where(e => jobs.Any(j => j.Id == e.Credit.JobId)).ToList();
        int badTiles = Adversaries.Values.Sum(a => a.BadTiles.Count);
        var paidBad = mine.Where(e => e.IsPayable() && IsBadRender(e, jobs)).ToList();
        var honestRejected = mine.Where(
            e => e.Kind == LedgerEntryKind.Rejected
                && !Adversaries.Values.Any(a => e.Credit.WorkerId.EndsWith("/" + a.Info.Id, StringComparison.Ordinal))).ToList();
        int honestRenders = mine.Count(
            e => e.Kind is LedgerEntryKind.Pending or LedgerEntryKind.Credit
                && !Adversaries.Values.Any(a => e.Credit.WorkerId.EndsWith("/" + a.Info.Id, StringComparison.Ordinal)));
        var turncoat = Adversaries["turncoat"];
        int turncoatBad = turncoat.BadTiles.Count;
        var workers = await client.GetWorkersAsync();
        output.WriteLine(
            $"bad tiles produced {badTiles}, paid {paidBad.Count} → caught " +
            $"{(badTiles == 0 ? 1 : 1 - ((double)paidBad.Count / badTiles)):P2}; honest renders {honestRenders}, rejected " +
            $"{honestRejected.Count}; turncoat rendered {turncoat.Renders} ({turncoatBad} bad after {TurncoatDevice.HonestTiles} honest)");
        foreach (var w in workers)
        {
            output.WriteLine(
                $"  {w.Registration.WorkerId}: {w.Status} {w.Trust?.TotalValid} valid / {w.Trust?.TotalInvalid} invalid — " +
                $"{w.StatusReason}");
        }

        Assert.True(badTiles > 0);
        Assert.Empty(paidBad);
        Assert.Empty(honestRejected);
        Assert.True(turncoat.Renders > TurncoatDevice.HonestTiles, "the turncoat never turned: give it more work");
        Assert.InRange(turncoatBad, 1, 150);
        foreach (string name in new[] { "blank", "one-spp", "copier", "foreign", "turncoat" })
        {
            var worker = workers.Single(w => w.Registration.WorkerId.EndsWith("/" + name, StringComparison.Ordinal));
            Assert.Equal(WorkerStatus.Quarantined, worker.Status);
            Assert.Contains(worker.RecentDecisions!, d => d.Verdict == TrustVerdict.Invalid && d.Reason.Length > 0);
        }

        Assert.All(workers.Where(w => w.Registration.WorkerId.Contains("/honest-", StringComparison.Ordinal)), w =>
        {
            Assert.NotEqual(WorkerStatus.Quarantined, w.Status);
            Assert.Equal(0, w.Trust!.TotalInvalid);
        });
    }

    private bool IsBadRender(LedgerEntry entry, List<(string Id, RenderJobSpec Spec)> jobs)
    {
        var adversary = Adversaries.Values.FirstOrDefault(a => entry.Credit.WorkerId.EndsWith("/" + a.Info.Id, StringComparison.Ordinal));
        if (adversary is null)
        {
            return false;
        }

        var spec = jobs.Single(j => j.Id == entry.Credit.JobId).Spec;
        string[] parts = LedgerEntries.TileOf(entry.Credit.TileId).Split('/');
        var rect = TilePlan.Rect(spec, int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
        uint key = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0).FrameKey;
        return adversary.BadTiles.Contains((key, rect.X, rect.Y));
    }
}
