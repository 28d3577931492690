using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains;
using Pictor.Silo.Hosting;
using Pictor.Silo.Storage;

namespace Pictor.Silo.Tests;

[Collection(nameof(EmbeddedGridTests))]
public sealed class EmbeddedGridTests : IDisposable
{
    private readonly string _data = EmbeddedGridFactory.TempDirectory();

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Ledger_AndFrames_SurviveASiloRestartOnSqlite()
    {
        var options = EmbeddedGridFactory.Options(_data);
        string jobId = $"restart-{Guid.NewGuid():N}";
        LedgerSummary before;
        int beforePaid;
        int payableRenders;
        RenderedFrame frameBefore;
        await using (var grid = await EmbeddedGrid.StartAsync(options))
        {
            var client = new PictorClient(grid.Client);
            await client.SubmitAsync(jobId, new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 32, 2, TileSize: 16));
            var status = await client.WaitAsync(
                jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
            Assert.Equal(JobPhase.Completed, status.Phase);
            before = await client.GetLedgerSummaryAsync();
            var journal = await client.ReadJournalAsync();
            beforePaid = journal.Count(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId));
            payableRenders = journal.Count(e => e.Credit.JobId == jobId && e.IsPayable());
            frameBefore = await client.GetFrameAsync(jobId, 0);
        }

        Assert.Equal(8, beforePaid);
        options = EmbeddedGridFactory.Options(_data);
        await using (var grid = await EmbeddedGrid.StartAsync(options))
        {
            var client = new PictorClient(grid.Client);
            var after = await client.GetLedgerSummaryAsync();
            Assert.Equal(before.Entries, after.Entries);
            Assert.Equal(before.TotalAmount, after.TotalAmount);
            Assert.Equal(before.Workers, after.Workers);
            Assert.Equal(JobPhase.Completed, (await client.GetStatusAsync(jobId)).Phase);
            Assert.Equal(frameBefore.Pixels, (await client.GetFrameAsync(jobId, 0)).Pixels);
            var workers = await client.GetWorkersAsync();
            Assert.Equal(["test-host/cpu-0", "test-host/cpu-1"], workers.Select(w => w.Registration.WorkerId));
            Assert.All(workers, w => Assert.Equal(WorkerStatus.Online, w.Status));
            // Every render is counted, the verification renders too: each one is a payable credit of the job.
            Assert.Equal(payableRenders, workers.Sum(w => w.TilesRendered));
        }
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task OwnDevices_AreAnchorsByDefault_AndNewcomersWhenConfiguredSo()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 32, 1, TileSize: 16);
        await using (var grid = await EmbeddedGrid.StartAsync(EmbeddedGridFactory.Options(_data)))
        {
            var client = new PictorClient(grid.Client);
            Assert.All(await client.GetWorkersAsync(), w => Assert.Equal((true, 0.0), (w.Trust!.Anchor, w.Trust.CheckProbability)));
            var journal = await RunAsync(client, spec);
            Assert.Equal(8, journal.Count);
            Assert.All(journal, e => Assert.Equal(LedgerEntryKind.Credit, e.Kind));
        }

        var strangers = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Grid:Verification:EmbeddedDevicesAreAnchors"] = "false" })
            .Build();
        await using (var grid = await EmbeddedGrid.StartAsync(EmbeddedGridFactory.Options(Path.Combine(_data, "strangers")), strangers))
        {
            var client = new PictorClient(grid.Client);
            Assert.All(await client.GetWorkersAsync(), w => Assert.Equal((false, 1.0), (w.Trust!.Anchor, w.Trust.CheckProbability)));
            var journal = await RunAsync(client, spec);
            Assert.Contains(journal, e => LedgerEntries.IsVerificationWork(e.Credit.TileId));
        }

        static async Task<List<LedgerEntry>> RunAsync(PictorClient client, RenderJobSpec spec)
        {
            string id = $"own-{Guid.NewGuid():N}";
            await client.SubmitAsync(id, spec);
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var status = await client.WaitAsync(id, TimeSpan.FromMilliseconds(50), deadline.Token);
            Assert.Equal(JobPhase.Completed, status.Phase);
            return [.. (await client.ReadJournalAsync()).Where(e => e.Credit.JobId == id)];
        }
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Storage_StaleDuplicateWrite_IsRefusedWithInconsistentStateException()
    {
        await using var grid = await EmbeddedGrid.StartAsync(EmbeddedGridFactory.Options(_data));
        var storage = grid.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grid);
        await StorageContract.AssertStaleWritesRefusedAsync(storage);
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Dashboard_AnswersOnItsLoopbackPort()
    {
        await using var grid = await EmbeddedGrid.StartAsync(EmbeddedGridFactory.Options(_data, dashboard: true));
        Assert.NotNull(grid.DashboardUrl);
        Assert.Equal("127.0.0.1", grid.DashboardUrl.Host);
        using var http = new HttpClient();
        using var page = await http.GetAsync(grid.DashboardUrl);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("html", page.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Schema_AppliedTwice_KeepsDataAndQueries()
    {
        string db = Path.Combine(_data, "grid.db");
        string connection = SqliteSchema.Ensure(db);
        using (var c = new SqliteConnection(connection))
        {
            c.Open();
            using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, " +
                "ServiceId, ModifiedOn, Version) VALUES (1, 2, 3, 4, 't', 's', 'now', 7)";
            insert.ExecuteNonQuery();
        }

        SqliteSchema.Ensure(db);
        using var check = new SqliteConnection(connection);
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT (SELECT COUNT(*) FROM OrleansStorage) || ',' || (SELECT COUNT(*) FROM OrleansQuery)";
        Assert.Equal("1,3", count.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
