using Pictor.Contracts.Ledger;
using Pictor.Contracts.Silos;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Ledger;

/// <summary>A job's reservation is made and released once, across silo restarts and an epoch closing in between.</summary>
public sealed class LedgerReservationRestartTests : IDisposable
{
    private readonly TempDirectory _data = TempDirectory.Create("ledger-reservations");

    public void Dispose() => _data.Dispose();

    [Fact]
    [Trait("Suite", "integration")]
    public async Task ReserveAndRelease_RepeatedAcrossRestarts_ChargeTheAccountOnce()
    {
        var grid = new GridClusterBuilder().UseSqlite(_data.Path).AddSilo("ledger-core", GridDevices.None, SiloRole.Core);
        var pending = LedgerCredits.Frame("job-r", 0, 3, "w", string.Empty, amount: 100, pending: true);
        await using (var silo = await grid.StartAsync())
        {
            var ledger = silo.Core.GetGrain<ILedgerGrain>("restart");
            await ledger.GrantAsync(new CreditGrant("g", "studio", 1000));
            Assert.Equal(new JobReservation("job-r", "studio", 600, 0, false), await ledger.ReserveAsync("job-r", "studio", 600));
            Assert.Equal(new JobReservation("job-r", "studio", 600, 0, false), await ledger.ReserveAsync("job-r", "studio", 600));
            await Assert.ThrowsAsync<ArgumentException>(() => ledger.ReserveAsync("job-r", "studio", 500));
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => ledger.ReserveAsync("job-s", "studio", 401));
            Assert.Contains("account studio has 400 credits available", refused.Message, StringComparison.Ordinal);

            await ledger.CreditAsync(pending);
            await ledger.ConfirmAsync("job-r", [pending[0].TileId]);
            await ledger.CloseEpochAsync();
            Assert.Equal(new AccountInfo("studio", false, 1000, 500, 100, 400, 1, 1), await ledger.GetAccountAsync("studio"));
        }

        await using (var silo = await grid.StartAsync())
        {
            var ledger = silo.Core.GetGrain<ILedgerGrain>("restart");
            Assert.Equal(new JobReservation("job-r", "studio", 600, 100, false), await ledger.ReserveAsync("job-r", "studio", 600));
            Assert.Equal(new AccountInfo("studio", false, 1000, 500, 100, 400, 1, 1), await ledger.GetAccountAsync("studio"));
            Assert.Equal(new JobReservation("job-r", "studio", 600, 100, true), await ledger.ReleaseAsync("job-r", "studio", "job ended"));
        }

        await using (var silo = await grid.StartAsync())
        {
            var ledger = silo.Core.GetGrain<ILedgerGrain>("restart");
            Assert.Equal(new JobReservation("job-r", "studio", 600, 100, true), await ledger.ReleaseAsync("job-r", "studio", "again"));
            Assert.Equal(new AccountInfo("studio", false, 1000, 0, 100, 900, 0, 1), await ledger.GetAccountAsync("studio"));
            var again = await Assert.ThrowsAsync<ArgumentException>(() => ledger.ReserveAsync("job-r", "studio", 600));
            Assert.Contains("was released", again.Message, StringComparison.Ordinal);

            // The two credits still pending at the release were rejected, once, with its reason; nothing else changed.
            var journal = await ledger.ReadJournalAsync(1, 100);
            Assert.Equal(
                [pending[1].TileId, pending[2].TileId],
                journal.Where(e => e.Kind == LedgerEntryKind.Rejected && e.Reason == "job ended").Select(e => e.Credit.TileId));
            Assert.Equal(6, journal.Count);
            var summary = await ledger.GetSummaryAsync();
            Assert.Equal((100L, 100L, 0L, 200L), (summary.TotalAmount, summary.DrawnAmount, summary.PendingAmount, summary.RejectedAmount));
        }
    }
}
