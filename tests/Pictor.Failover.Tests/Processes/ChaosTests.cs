using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pictor.Contracts.Ledger;
using Xunit.Abstractions;

namespace Pictor.Failover.Tests.Processes;

/// <summary>
/// Chaos: one core and three worker silo processes on PostgreSQL; while the creator's <c>pictor render --cluster</c>
/// runs a 4,096-tile job, a random worker silo is killed with SIGKILL every 5 s (up to 8 times) and restarted 4 s
/// later on its own port (the same silo, a new generation).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChaosTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(8);

    // The creator's command once died after 5 and after 11 kills: 8 kills (and as many restarts) in 40 s, then the job
    // may finish in peace, so the test's time stays bounded however slow the machine.
    private const int MaxKills = 8;

    [Fact]
    [Trait("Suite", "process")]
    public async Task WorkersKilledAndRestartedAllJobLong_JobAndCommandComplete_BitIdentical_EachTilePaidOnceToItsRenderer()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres);
        var hosts = new[] { "w1", "w2", "w3" };
        var wallets = hosts.ToDictionary(h => h, cluster.WalletOf);
        var ports = hosts.ToDictionary(h => h, _ => FreePort());
        await cluster.StartSiloAsync("core", "core");
        var silos = new Dictionary<string, PictorProcess>();
        foreach (var start in hosts.Select(h => (h, cluster.StartSiloAsync(h, "worker", siloPort: ports[h]))).ToList())
        {
            silos[start.h] = (await start.Item2).Process;
        }

        // 1024x1024 px in 16 px tiles: 4,096 tiles, tens of seconds of work for three single-thread slots.
        string[] frame = ["--width", "1024", "--height", "1024", "--spp", "160", "--tile", "16", "--seed", "5"];
        string gridFile = Path.Combine(cluster.Directory, "grid.pfm");
        var clock = Stopwatch.StartNew();
        var render = cluster.StartCommand(
            "pictor render", ["render", "builtin:cornell-spheres", .. cluster.ClientFlags, "--out", gridFile, .. frame]);
        string jobId = (await render.WaitForLineAsync("job: ", TimeSpan.FromSeconds(90)))["job: ".Length..].Trim();

        // Every few seconds a worker silo that is up dies; it comes back a moment later, while the next one may die.
        var random = new Random(17);
        var restarts = new Dictionary<string, Task>();
        int kills = 0;
        while (!render.HasExited && clock.Elapsed < Bound && kills < MaxKills)
        {
            await render.WaitForExitAsync(KillEvery).ContinueWith(_ => { }, TaskScheduler.Default);
            var up = hosts.Where(h => !restarts.TryGetValue(h, out var r) || r.IsCompleted).ToList();
            if (render.HasExited || up.Count == 0)
            {
                continue;
            }

            string victim = up[random.Next(up.Count)];
            silos[victim].Kill();
            kills++;
            restarts[victim] = RestartAsync(victim);
        }

        async Task RestartAsync(string host)
        {
            await Task.Delay(RestartAfter);
            silos[host] = (await cluster.StartSiloAsync(host, "worker", siloPort: ports[host])).Process;
        }

        int exit = await render.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await Task.WhenAll(restarts.Values);
        output.WriteLine($"{kills} kill(s) in {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(exit == 0, $"pictor render exited {exit} after {kills} kills:\n{render.Output}");
        Assert.True(kills >= 3, $"only {kills} kill(s) happened before the job ended: make it heavier");

        // The frame through the chaos is the frame of one device.
        string localFile = Path.Combine(cluster.Directory, "local.pfm");
        var local = await PictorProcess.RunAsync(
            TimeSpan.FromMinutes(3), ["render", "builtin:cornell-spheres", "--local", "--out", localFile, .. frame]);
        Assert.True(local.ExitCode == 0, local.All);
        Assert.Equal(await File.ReadAllBytesAsync(localFile), await File.ReadAllBytesAsync(gridFile));

        // Every tile paid exactly once, its amount computed from its rectangle, to a wallet of a worker that ran.
        var ledger = await PictorProcess.RunAsync(TimeSpan.FromMinutes(1), ["ledger", .. cluster.ClientFlags, "--json"]);
        Assert.True(ledger.ExitCode == 0, ledger.All);
        var paid = LedgerLines.PaidTileCredits(ledger.Output, jobId);
        Assert.Equal(4096, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
        Assert.Equal(4096, paid.Count);
        Assert.Equal(1024L * 1024 * 160, paid.Sum(c => c.Amount));
        Assert.All(paid, c => Assert.Contains(c.Wallet, wallets.Values));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
