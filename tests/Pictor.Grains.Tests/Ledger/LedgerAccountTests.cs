using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Tests.Ledger;

/// <summary>
/// Creator accounts at the ledger: grants are applied once per grant id, amounts stay within their range and sums cannot
/// overflow, and a job's reservation is made and released exactly once.
/// </summary>
[Collection(GridClusterCollection.Name)]
public sealed class LedgerAccountTests(GridClusterFixture fixture)
{
    private const long Max = LedgerAmounts.Max;

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Grant_RetriedWithItsGrantId_GrantsOnce_AndTheIdReusedForAnotherAmountIsRefused()
    {
        var ledger = fixture.Cluster.Client.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("grants"));
        var first = await ledger.GrantAsync(new CreditGrant("grant-1", "alice", 100));
        Assert.Equal(new GrantOutcome(true, new AccountInfo("alice", false, 100, 0, 0, 100, 0, 1)), first);

        // The retried call (same id, same amount) is answered and grants nothing.
        Assert.Equal(new GrantOutcome(false, first.Account), await ledger.GrantAsync(new CreditGrant("grant-1", "alice", 100)));
        var reused = await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("grant-1", "alice", 50)));
        Assert.Contains("already applied to account alice with 100 credits", reused.Message, StringComparison.Ordinal);
        Assert.Equal(first.Account, await ledger.GetAccountAsync("alice"));

        var second = await ledger.GrantAsync(new CreditGrant("grant-2", "alice", 50));
        Assert.Equal(new AccountInfo("alice", false, 150, 0, 0, 150, 0, 2), second.Account);

        // Refused with nothing granted: the operator's unlimited account, a malformed account, amounts out of range.
        var op = await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("g", AccountIds.Operator, 5)));
        Assert.Contains("unlimited", op.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("g", "not an account", 5)));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("g", "alice", 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("g", "alice", -5)));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("", "alice", 5)));
        Assert.Equal([second.Account], await ledger.GetAccountsAsync());
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Amounts_AtTheLargestAllowedValues_SumWithoutOverflow_AndOneMoreIsRefusedWithNothingChanged()
    {
        var ledger = fixture.Cluster.Core.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("largest"));

        // The largest balance: one credit more would overflow the account, and is refused.
        var full = (await ledger.GrantAsync(new CreditGrant("all", "whale", Max))).Account;
        Assert.Equal(new AccountInfo("whale", false, Max, 0, 0, Max, 0, 1), full);
        var over = await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("one-more", "whale", 1)));
        Assert.Contains("past the largest amount", over.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GrantAsync(new CreditGrant("too-big", "minnow", Max + 1)));
        Assert.Equal(full, await ledger.GetAccountAsync("whale"));
        Assert.Equal(["whale"], (await ledger.GetAccountsAsync()).Select(a => a.Account));

        // The largest reservation fills the ledger's committed total: any further one, even unlimited, is refused.
        Assert.Equal(new JobReservation("job-max", "whale", Max, 0, false), await ledger.ReserveAsync("job-max", "whale", Max));
        var committed = await Assert.ThrowsAsync<ArgumentException>(() => ledger.ReserveAsync("job-one", string.Empty, 1));
        Assert.Contains("committed total", committed.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await ledger.GetAccountAsync(string.Empty)).OpenJobs);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.ReserveAsync("job-huge", "whale", Max + 1));

        // The largest credit is recorded and drawn; one more credit is not covered; an amount past the range is refused.
        Assert.Equal(new CreditOutcome(1, 0), await ledger.CreditAsync([LedgerCredits.Tile("job-max", 0, 0, "w", string.Empty, Max)]));
        Assert.Equal(new CreditOutcome(0, 0, 1), await ledger.CreditAsync([LedgerCredits.Tile("job-max", 0, 1, "w", string.Empty, 1)]));
        var tooLarge = await Assert.ThrowsAsync<ArgumentException>(
            () => ledger.CreditAsync([LedgerCredits.Tile("job-max", 0, 2, "w", string.Empty, Max + 1)]));
        Assert.Contains("over the largest amount", tooLarge.Message, StringComparison.Ordinal);
        Assert.Single(await ledger.ReadJournalAsync(1, 100));

        // Every total holds the largest amount exactly.
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal((Max, Max, Max), (summary.TotalAmount, summary.DrawnAmount, summary.Workers.Single().Amount));
        var statement = await ledger.CloseEpochAsync();
        Assert.Equal((Max, Max), (statement.PayableCredits, statement.DrawnCredits));
        Assert.Equal([new EpochDrawLine("whale", Max)], statement.Draws);
        Assert.Equal(new JobReservation("job-max", "whale", Max, Max, true), await ledger.ReleaseAsync("job-max", "whale", "done"));
        Assert.Equal(new AccountInfo("whale", false, Max, 0, Max, 0, 0, 1), await ledger.GetAccountAsync("whale"));
        Assert.Equal(Max, (await ledger.GetSummaryAsync()).DrawnAmount);

        // What the ledger paid stays committed, so the bound holds over its whole life.
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.ReserveAsync("job-one", string.Empty, 1));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Credit_OfAJobWithoutAReservation_IsRefusedWithNothingRecorded()
    {
        var ledger = fixture.Cluster.Core.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("unfunded"));
        await LedgerCredits.FundAsync(ledger, "job-funded");
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ledger.CreditAsync(
        [
            LedgerCredits.Tile("job-funded", 0, 0, "w", string.Empty),
            LedgerCredits.Tile("job-free", 0, 0, "w", string.Empty),
        ]));
        Assert.Contains("Job job-free holds no open reservation (it never reserved its cost)", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.ConfirmAsync("job-free", ["job-free/0/0"]));
        Assert.Empty(await ledger.ReadJournalAsync(1, 100));

        // A credit is drawn from the account of its job's reservation, whatever account the caller names.
        await ledger.CreditAsync([LedgerCredits.Tile("job-funded", 0, 0, "w", string.Empty) with { Account = "someone-else" }]);
        Assert.Equal(AccountIds.Operator, Assert.Single(await ledger.ReadJournalAsync(1, 100)).Credit.Account);
    }
}
