using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Xunit.Abstractions;

namespace Pictor.Failover.Tests.Processes;

/// <summary>Three <c>pictor silo</c> processes on PostgreSQL; one is killed with SIGKILL while a job renders.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloProcessKillTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int DeadStatus = 6;

    [Fact]
    [Trait("Suite", "process")]
    public async Task WorkerSiloProcessKilledMidJob_JobCompletesBitIdentical_OneCreditPerTile()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres);
        var clock = Stopwatch.StartNew();
        // This test is about a lost silo, not verification: the operator names the three hosts anchors, so every slot
        // works without waiting for verdicts (a newcomer's bounded onboarding could leave the victim idle at the kill).
        var anchors = new Dictionary<string, string>
        {
            ["PICTOR_Grid__Verification__Anchors__0"] = "alpha/*",
            ["PICTOR_Grid__Verification__Anchors__1"] = "beta/*",
            ["PICTOR_Grid__Verification__Anchors__2"] = "gamma/*",
        };
        var (core, _) = await cluster.StartSiloAsync("alpha", "all", environment: anchors);
        var beta = cluster.StartSiloAsync("beta", "worker");
        var gamma = cluster.StartSiloAsync("gamma", "worker");
        var (betaSilo, _) = await beta;
        var (victim, victimAddress) = await gamma;
        output.WriteLine($"three silo processes up in {clock.Elapsed.TotalSeconds:F2} s");

        await using var watcher = await cluster.ConnectAsync();
        var sdk = watcher.Sdk;
        await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return (await sdk.GetWorkersAsync())
                        .Count(w => w.Status is Contracts.Workers.WorkerStatus.Online or Contracts.Workers.WorkerStatus.Busy);
                }
                catch (ArgumentException)
                {
                    return -1; // The client's cluster manifest has not converged yet.
                }
            },
            n => n == 3,
            TimeSpan.FromSeconds(60),
            "the three worker slots online");

        // 64 tiles of 16x16 at 4096 spp: seconds of work for three single-thread slots on a small machine.
        string[] frame = ["--width", "128", "--height", "128", "--spp", "4096", "--tile", "16", "--seed", "9"];
        string gridFile = Path.Combine(cluster.Directory, "grid.pfm");
        var render = cluster.StartCommand(
            "pictor render", ["render", "builtin:cornell-spheres", .. cluster.ClientFlags, "--out", gridFile, .. frame]);
        string jobId = (await render.WaitForLineAsync("job: ", TimeSpan.FromSeconds(60)))["job: ".Length..].Trim();

        var retried = new ConcurrentDictionary<(int Frame, int Tile), TimeSpan>();
        var completed = new ConcurrentDictionary<(int Frame, int Tile), TimeSpan>();
        await using (await sdk.WatchAsync(jobId, e =>
        {
            if (e.Kind == JobProgressKind.TileRetried)
            {
                retried.TryAdd((e.Frame, e.TileIndex), clock.Elapsed);
            }
            else if (e.Kind == JobProgressKind.TileCompleted)
            {
                completed[(e.Frame, e.TileIndex)] = clock.Elapsed;
            }

            return Task.CompletedTask;
        }))
        {
            await Eventually.WaitAsync(
                () => sdk.GetStatusAsync(jobId), s => s.TilesDone >= 6 || s.IsFinished, TimeSpan.FromMinutes(2), "six tiles done");
            int doneAtKill = (await sdk.GetStatusAsync(jobId)).TilesDone;
            var killedAt = clock.Elapsed;
            victim.Kill();
            Assert.True(doneAtKill < 64, "the job finished before the kill: make it heavier");

            // Failure detection: until the other silos have voted the killed one dead in the membership table.
            var dead = await Eventually.WaitAsync(
                () => MembershipStatusAsync(cluster.ConnectionString, victimAddress), s => s == DeadStatus, TimeSpan.FromMinutes(2),
                "the killed silo declared dead");
            var detectedAt = clock.Elapsed;

            int renderExit = await render.WaitForExitAsync(TimeSpan.FromMinutes(4));
            Assert.True(renderExit == 0, $"pictor render exited {renderExit}:\n{render.Output}");
            var doneAt = clock.Elapsed;
            // The killed silo's tiles failed to reach it, were re-issued on a live silo, and completed there (the job
            // completing with every tile paid once, below, is the proof). The progress events that tell of it are for
            // watching: the one pulling agent that carried them may have died with the silo, so they are reported here,
            // not asserted.
            var lostDone = retried.Keys.Where(completed.ContainsKey).Select(k => completed[k]).ToList();
            output.WriteLine(
                $"kill -9 of {victim.Name} at {doneAtKill}/64 tiles: {retried.Count} tile(s) reported lost"
                + (retried.IsEmpty ? string.Empty : $", first noticed {(retried.Values.Min() - killedAt).TotalSeconds:F2} s after the kill")
                + $"; silo declared dead after {(detectedAt - killedAt).TotalSeconds:F2} s"
                + (lostDone.Count == 0 ? string.Empty : $"; lost tiles completed elsewhere "
                    + $"{(lostDone.Min() - killedAt).TotalSeconds:F2}-{(lostDone.Max() - killedAt).TotalSeconds:F2} s after the kill")
                + $"; job done {(doneAt - killedAt).TotalSeconds:F2} s after the kill");
            Assert.Equal(DeadStatus, dead);
        }

        // The frame through the grid is the frame of one device.
        string localFile = Path.Combine(cluster.Directory, "local.pfm");
        var local = await PictorProcess.RunAsync(
            TimeSpan.FromMinutes(2), ["render", "builtin:cornell-spheres", "--local", "--out", localFile, .. frame]);
        Assert.True(local.ExitCode == 0, local.All);
        Assert.Equal(await File.ReadAllBytesAsync(localFile), await File.ReadAllBytesAsync(gridFile));

        // Exactly one paid credit per tile in the journal `pictor ledger --json` prints (checks are paid under their own keys).
        var ledger = await PictorProcess.RunAsync(TimeSpan.FromMinutes(1), ["ledger", .. cluster.ClientFlags, "--json"]);
        Assert.True(ledger.ExitCode == 0, ledger.All);
        var paid = LedgerLines.PaidTileCredits(ledger.Output, jobId);
        Assert.Equal(64, paid.Count);
        Assert.Equal(64, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
        Assert.Equal(128L * 128 * 4096, paid.Sum(c => c.Amount));
        string[] owners = [cluster.WalletOf("alpha"), cluster.WalletOf("beta"), cluster.WalletOf("gamma")];
        Assert.All(paid, c => Assert.Contains(c.Wallet, owners));

        // The survivors stop in order on SIGTERM.
        foreach (var silo in new[] { betaSilo, core })
        {
            await silo.TerminateAsync();
            int exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"{silo.Name} exited {exit}:\n{silo.Output}");
            Assert.Contains("silo: stopped", silo.Output, StringComparison.Ordinal);
        }
    }

    private static async Task<int> MembershipStatusAsync(string connectionString, string siloAddress)
    {
        // "127.0.0.1:41234@123456789": the membership row's port and generation.
        int at = siloAddress.IndexOf('@', StringComparison.Ordinal);
        int colon = siloAddress.LastIndexOf(':', at);
        int port = int.Parse(siloAddress[(colon + 1)..at], System.Globalization.CultureInfo.InvariantCulture);
        int generation = int.Parse(siloAddress[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM grid_membership WHERE port = @port AND generation = @generation", connection);
        command.Parameters.AddWithValue("port", port);
        command.Parameters.AddWithValue("generation", generation);
        return Convert.ToInt32(await command.ExecuteScalarAsync() ?? -1, System.Globalization.CultureInfo.InvariantCulture);
    }
}
