using System.Globalization;
using System.Numerics;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Testing.Cluster;
using Pictor.Testing.Devices;

namespace Pictor.Grains.Tests.Jobs;

/// <summary>
/// Creators fund what workers earn: a job reserves its cost from its creator's account before any unit is sent, draws
/// what it pays, and releases the rest when it ends; every epoch mints exactly what creators were drawn.
/// </summary>
/// <remarks>
/// Each test has a grid of its own (two silos of two gated slots each, with wallets, verification on), so that its
/// epoch holds only its own job and the gate counts only its own renders.
/// </remarks>
public sealed class JobFundingTests : IAsyncLifetime
{
    private const string WalletA = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string WalletB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly RenderGate _gate = new(open: true);
    private GridCluster _grid = null!;

    private PictorClient Sdk => _grid.Sdk;

    private ILedgerGrain Ledger => _grid.Client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);

    // The core's side of the ledger, for the calls only a job makes (a repeated release, a late credit).
    private ILedgerGrain CoreLedger => _grid.Core.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);

    public async Task InitializeAsync()
    {
        _grid = await new GridClusterBuilder()
            .AddSilo(new SiloSpec("studio-a") { Wallet = WalletA, Devices = Gated() })
            .AddSilo(new SiloSpec("studio-b") { Wallet = WalletB, Devices = Gated() })
            .ConfigureGrid(o =>
            {
                // One-tile units and a ledger batch per verification step: a cancel finds credits pending.
                o.WorkUnitSeconds = 0.0001;
                o.LedgerBatchTiles = 1;
            })
            .StartAsync();
        await _grid.WaitForWorkersAsync(4);
    }

    public async Task DisposeAsync()
    {
        _gate.Open();
        await _grid.DisposeAsync();
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Job_OverItsCreatorsBalance_IsRefusedBeforeAnyWork_WithTheFigures_AndNothingChanges()
    {
        string account = NewAccount();
        await Ledger.GrantAsync(new CreditGrant("g-1", account, 100));
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 4, TileSize: 16, Seed: 7, Account: account);
        long reservation = CreditPricing.Reservation(spec, verified: true);
        Assert.Equal(2 * 64 * 64 * 4, reservation);
        string jobId = JobIds.New();
        var summaryBefore = await Ledger.GetSummaryAsync();
        var accountBefore = await Ledger.GetAccountAsync(account);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Sdk.SubmitAsync(jobId, spec));
        Assert.Contains($"job {jobId} refused before any work", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"account {account} has 100 credits available", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"needs {LedgerAmounts.Format(reservation)} reserved", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pictor account grant", refused.Message, StringComparison.Ordinal);

        // Nothing changed: no unit went to a device, the job does not exist, the ledger and the account are as before.
        Assert.Equal(0, _gate.Entered);
        Assert.Equal(JobPhase.None, (await Sdk.GetStatusAsync(jobId)).Phase);
        var summaryAfter = await Ledger.GetSummaryAsync();
        Assert.Equal(
            (summaryBefore.Entries, summaryBefore.TotalAmount, summaryBefore.PendingAmount),
            (summaryAfter.Entries, summaryAfter.TotalAmount, summaryAfter.PendingAmount));
        Assert.Equal(accountBefore, await Ledger.GetAccountAsync(account));
        Assert.Equal(new AccountInfo(account, false, 100, 0, 0, 100, 0, 1), accountBefore);
        Assert.DoesNotContain(await Sdk.ReadJournalAsync(), e => e.Credit.JobId == jobId);

        // The id was left free: once the account can cover it, the same job is taken and renders.
        await Ledger.GrantAsync(new CreditGrant("g-2", account, reservation));
        Assert.Equal(JobPhase.Running, (await Sdk.SubmitAsync(jobId, spec)).Phase);
        Assert.Equal(JobPhase.Completed, (await FinishAsync(jobId)).Phase);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Epoch_OfAFundedJob_MintsExactlyWhatItsCreatorWasDrawn()
    {
        string account = NewAccount();
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 48, 2, TileSize: 16, Seed: 11, Account: account);
        long granted = 3 * CreditPricing.Reservation(spec, verified: true);
        await Ledger.GrantAsync(new CreditGrant("g-1", account, granted));
        string jobId = JobIds.New();
        await Sdk.SubmitAsync(jobId, spec);
        Assert.Equal(JobPhase.Completed, (await FinishAsync(jobId)).Phase);
        var after = await Eventually.WaitAsync(
            () => Ledger.GetAccountAsync(account), a => a.OpenJobs == 0, Deadline, "the job's reservation released");

        var statement = await Ledger.CloseEpochAsync();
        var journal = (await Sdk.ReadJournalAsync()).Where(e => e.Epoch == statement.Epoch).ToList();
        Assert.NotEmpty(journal);
        Assert.All(journal, e => Assert.Equal(account, e.Credit.Account));

        // Every tile's render is paid once at its price, and the checks that verified them from the same reservation.
        Assert.Equal(CreditPricing.JobCredits(spec), PaidCredits.ForTiles(journal, jobId).Sum(c => c.Amount));
        long drawn = journal.Where(e => e.IsPayable()).Sum(e => e.Credit.Amount);
        Assert.InRange(drawn, CreditPricing.JobCredits(spec) + 1, CreditPricing.Reservation(spec, verified: true));

        // The epoch reconciles: minted (its payouts, and the settlement planned from them) == drawn from creators.
        Assert.Equal(drawn, statement.DrawnCredits);
        Assert.Equal([new EpochDrawLine(account, drawn)], statement.Draws);
        Assert.Equal(drawn, statement.Payouts.Sum(p => p.Credits));
        Assert.Equal(statement.PayableCredits, statement.DrawnCredits);
        Assert.Empty(statement.Unassigned);
        var settlement = await _grid.Client.GetGrain<ISettlementGrain>(LedgerKeys.Epoch(ILedgerGrain.DefaultKey, statement.Epoch))
            .GetInfoAsync();
        Assert.Equal(
            new BigInteger(drawn) * BigInteger.Parse(settlement.BaseUnitsPerCredit, CultureInfo.InvariantCulture),
            BigInteger.Parse(settlement.Total, CultureInfo.InvariantCulture));

        // ... and the creator was charged exactly that: the rest of the reservation went back.
        Assert.Equal(new AccountInfo(account, false, granted, 0, drawn, granted - drawn, 0, 1), after);
        Assert.Equal(drawn, (await Ledger.GetSummaryAsync()).DrawnAmount);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Cancel_RejectsTheJobsPendingCredits_AndReleasesTheRestOfItsReservation()
    {
        string account = NewAccount();
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 2, TileSize: 16, Seed: 5, Account: account);
        long reservation = CreditPricing.Reservation(spec, verified: true);
        const long Granted = 1_000_000;
        await Ledger.GrantAsync(new CreditGrant("g-1", account, Granted));
        _gate.Close();
        string jobId = JobIds.New();
        await Sdk.SubmitAsync(jobId, spec);
        var held = await Ledger.GetAccountAsync(account);
        Assert.Equal((reservation, 0L, Granted - reservation, 1), (held.Reserved, held.Drawn, held.Available, held.OpenJobs));

        // Some first renders through: their credits are pending while their checks wait at the closed gate.
        _gate.Allow(6);
        await Eventually.WaitAsync(
            async () => (await Sdk.ReadJournalAsync()).Count(e => e.Credit.JobId == jobId && e.Kind == LedgerEntryKind.Pending),
            n => n > 0,
            Deadline,
            "pending credits of the job");
        await Eventually.WaitAsync(() => Task.FromResult(_gate.Waiting), n => n > 0, Deadline, "renders held at the gate");
        Assert.Equal(JobPhase.Cancelled, (await Sdk.CancelAsync(jobId)).Phase);
        var released = await Eventually.WaitAsync(
            () => Ledger.GetAccountAsync(account), a => a.OpenJobs == 0, Deadline, "the job's reservation released");
        _gate.Open();

        // The rule: a credit still pending when its job ends was never verified, so it is rejected and never paid.
        var entries = (await Sdk.ReadJournalAsync()).Where(e => e.Credit.JobId == jobId).ToList();
        var pending = entries.Where(e => e.Kind == LedgerEntryKind.Pending).Select(e => e.Credit.TileId).ToList();
        var resolved = entries.Where(e => e.Kind is LedgerEntryKind.Confirmed or LedgerEntryKind.Rejected)
            .Select(e => e.Credit.TileId).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(pending);
        Assert.All(pending, tile => Assert.Contains(tile, resolved));
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.Rejected && e.Reason == "job cancelled before the render was verified");

        // What it paid stays drawn; the rest of the reservation is back on the account.
        long drawn = entries.Where(e => e.IsPayable()).Sum(e => e.Credit.Amount);
        Assert.Equal(new AccountInfo(account, false, Granted, 0, drawn, Granted - drawn, 0, 1), released);
        Assert.True(drawn < reservation);

        // Exactly once: releasing again changes nothing, and the ended job can draw nothing more.
        var again = await CoreLedger.ReleaseAsync(jobId, account, "again");
        Assert.Equal(new JobReservation(jobId, account, reservation, drawn, true), again);
        Assert.Equal(released, await Ledger.GetAccountAsync(account));
        var late = await Assert.ThrowsAsync<ArgumentException>(
            () => CoreLedger.CreditAsync([new CreditRequest($"{jobId}/0/0#late", jobId, "studio-a/cpu-0", WalletA, 1, 1)]));
        Assert.Contains("holds no open reservation", late.Message, StringComparison.Ordinal);
        Assert.Equal(released, await Ledger.GetAccountAsync(account));
    }

    private static string NewAccount() => $"creator-{Guid.NewGuid():N}"[..24];

    private GridDevices Gated() => GridDevices.Fake(i => new GatedDevice($"cpu-{i}", _gate), count: 2);

    private async Task<JobStatus> FinishAsync(string jobId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await Sdk.WaitAsync(jobId, TimeSpan.FromMilliseconds(25), deadline.Token);
    }
}
