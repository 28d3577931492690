using System.Diagnostics;
using Npgsql;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Testing.Cluster;
using Pictor.Testing.Devices;
using Xunit.Abstractions;

namespace Pictor.Failover.Tests.InProcess;

/// <summary>The whole cluster goes down mid-job like a power cut and comes back on the same PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WholeClusterRestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WholeCluster_StoppedAndStartedMidJob_ResumesAndCompletes()
    {
        string database = await postgres.CreateDatabaseAsync();
        string serviceId = $"whole-cluster-{Guid.NewGuid():N}";
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 128, 128, 8, TileSize: 16, Seed: 3);
        string jobId = JobIds.New();
        const int Total = 64;

        // The first generation renders through a gate. Closing it freezes the job mid-way whatever the machine's
        // speed; the kill then takes the cluster down like a power cut (no hand-off of grains). One tile per work
        // unit, so that closing the gate stops the job after a few tiles rather than after a few whole-frame units.
        var gate = new RenderGate();
        JobStatus before;
        var first = await new GridClusterBuilder()
            .UsePostgres(database)
            .WithServiceId(serviceId)
            .AddSilo("alpha", GridDevices.Fake(_ => new GatedDevice("cpu-0", gate)))
            .AddSilo("beta", GridDevices.Fake(_ => new GatedDevice("cpu-0", gate)))
            .ConfigureGrid(o => o.WorkUnitSeconds = 0.0001)
            .StartAsync();
        try
        {
            await first.Sdk.SubmitAsync(jobId, spec);
            await Eventually.WaitAsync(
                () => first.Sdk.GetStatusAsync(jobId), s => s.TilesDone >= 4 || s.IsFinished, Deadline, "a few tiles done");
            gate.Close();

            // The job's resume reminder is durable: it sits in PostgreSQL, not in a silo's memory.
            string reminders = $"SELECT count(*) FROM grid_reminders WHERE reminder_name = 'resume' AND grain_id LIKE '%{jobId}%'";
            Assert.Equal(1L, await ScalarAsync(database, reminders));
            before = await first.Sdk.GetStatusAsync(jobId);
            var stop = Stopwatch.StartNew();
            await first.KillAsync();
            output.WriteLine($"killed the whole cluster with {before.TilesDone}/{Total} tiles done in {stop.Elapsed.TotalSeconds:F2} s");
        }
        finally
        {
            // Let the killed generation's blocked renders finish; whatever they answer goes nowhere.
            gate.Open();
            await first.DisposeAsync();
        }

        Assert.True(before.Phase == JobPhase.Running, $"before the stop the job is {before.Phase}: {before.Error}");
        Assert.InRange(before.TilesDone, 4, Total - 1);

        var restart = Stopwatch.StartNew();
        await using var second = await new GridClusterBuilder()
            .UsePostgres(database)
            .WithServiceId(serviceId)
            .AddSilo("alpha", GridDevices.Cpu(1))
            .AddSilo("beta", GridDevices.Cpu(1))
            .StartAsync();
        output.WriteLine($"cluster and client back in {restart.Elapsed.TotalSeconds:F2} s");
        var status = await second.Sdk.WaitAsync(jobId, TimeSpan.FromMilliseconds(25), new CancellationTokenSource(Deadline).Token);
        output.WriteLine($"job completed {restart.Elapsed.TotalSeconds:F2} s after the restart began");
        Assert.True(status.Phase == JobPhase.Completed, $"the job ended {status.Phase}: {status.Error}");
        Assert.Equal(Total, status.TilesDone);
        using (var device = new ManagedCpuDevice("cpu-local", 1))
        {
            var parameters = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, spec.FirstFrame);
            Assert.Equal(LocalRenderer.RenderFrame(device, parameters).Pixels, (await second.Sdk.GetFrameAsync(jobId, 0)).Pixels);
        }

        var credits = PaidCredits.ForTiles(await second.Sdk.ReadJournalAsync(), jobId);
        Assert.Equal(Total, credits.Count);
        Assert.Equal(Total, credits.Select(c => Pictor.Contracts.Ledger.LedgerEntries.TileOf(c.TileId)).Distinct().Count());
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task RestartMidJob_EachCreditPaidToTheWorkerWhoseRenderWasVerified_AndEveryEpochMintsWhatWasDrawn()
    {
        string database = await postgres.CreateDatabaseAsync();
        string serviceId = $"restart-pay-{Guid.NewGuid():N}";
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 128, 128, 8, TileSize: 16, Seed: 4);
        string jobId = JobIds.New();
        const int Total = 64;

        // The first generation renders through a gate, with one-tile units and a ledger batch per step, so that at the
        // power cut some of its renders are credited but still pending their checks.
        var gate = new RenderGate();
        DateTimeOffset cut;
        var first = await new GridClusterBuilder()
            .UsePostgres(database)
            .WithServiceId(serviceId)
            .AddSilo(new SiloSpec("alpha") { Wallet = WalletA, Devices = GridDevices.Fake(_ => new GatedDevice("cpu-0", gate)) })
            .AddSilo(new SiloSpec("beta") { Wallet = WalletB, Devices = GridDevices.Fake(_ => new GatedDevice("cpu-0", gate)) })
            .ConfigureGrid(o => (o.WorkUnitSeconds, o.LedgerBatchTiles) = (0.0001, 1))
            .StartAsync();
        try
        {
            await first.Sdk.SubmitAsync(jobId, spec);
            await Eventually.WaitAsync(
                () => first.Sdk.GetStatusAsync(jobId), s => s.TilesDone >= 6 || s.IsFinished, Deadline, "a few tiles done");
            gate.Close();
            await first.KillAsync();
            cut = DateTimeOffset.UtcNow;
        }
        finally
        {
            gate.Open();
            await first.DisposeAsync();
        }

        // The second generation's workers are others: every tile of the unstored frame is rendered again by them.
        await using var second = await new GridClusterBuilder()
            .UsePostgres(database)
            .WithServiceId(serviceId)
            .AddSilo(new SiloSpec("gamma") { Wallet = WalletC })
            .AddSilo(new SiloSpec("delta") { Wallet = WalletD })
            .StartAsync();
        var status = await second.Sdk.WaitAsync(jobId, TimeSpan.FromMilliseconds(25), new CancellationTokenSource(Deadline).Token);
        Assert.True(status.Phase == JobPhase.Completed, $"the job ended {status.Phase}: {status.Error}");
        await Eventually.WaitAsync(() => second.Sdk.GetStatusAsync(jobId), s => s.Settled, Deadline, "the job's reservation released");

        // Each tile paid once; a first-generation worker only for a render verified before the cut (a pending credit
        // whose render was lost is rejected, and the re-render is credited to its own renderer).
        var journal = await second.Sdk.ReadJournalAsync();
        var paid = PaidCredits.ForTiles(journal, jobId);
        static bool FirstGeneration(string worker) =>
            worker.StartsWith("alpha/", StringComparison.Ordinal) || worker.StartsWith("beta/", StringComparison.Ordinal);
        var paidToTheFirst = journal
            .Where(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId))
            .Where(e => FirstGeneration(e.Credit.WorkerId))
            .ToList();
        output.WriteLine($"{paidToTheFirst.Count} tile credit(s) paid to the first generation, {paid.Count} in all; "
            + $"{journal.Count(e => e.Reason.Contains("lost when the job restarted", StringComparison.Ordinal))} lost render(s) rejected");
        Assert.Equal(Total, paid.Count);
        Assert.Equal(Total, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
        Assert.All(
            paidToTheFirst, e => Assert.True(e.RecordedAt < cut, $"{e.Credit.TileId} of {e.Credit.WorkerId} was paid after the cut"));
        Assert.Empty(await second.Client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey).FindPendingAsync(jobId));

        // Every epoch mints exactly what was drawn from the creator (the operator's account here).
        var ledger = second.Client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
        await ledger.CloseEpochAsync();
        long minted = 0;
        foreach (var epoch in (await ledger.GetEpochsAsync()).Where(e => e.ClosedAt is not null))
        {
            var statement = await second.Client.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch(ILedgerGrain.DefaultKey, epoch.Epoch))
                .GetStatementAsync();
            Assert.Equal(statement.DrawnCredits, statement.Payouts.Sum(p => p.Credits));
            Assert.Empty(statement.Unassigned);
            minted += statement.Payouts.Sum(p => p.Credits);
        }

        Assert.Equal((await ledger.GetSummaryAsync()).DrawnAmount, minted);
        Assert.True(
            minted >= CreditPricing.JobCredits(spec), $"minted {minted}, the job's tiles alone cost {CreditPricing.JobCredits(spec)}");
    }

    private const string WalletA = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string WalletB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private const string WalletC = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    private const string WalletD = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
