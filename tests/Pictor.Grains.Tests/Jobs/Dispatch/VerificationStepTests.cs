using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;
using Pictor.Grains.Verification;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>Verification decisions as data: what is final, checked, credited, confirmed, refused and judged.</summary>
public sealed class VerificationStepTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void WithVerificationOffEveryRenderIsFinalAndPaidAtTheComputedPrice()
    {
        var f = new DispatchFakes(verification: false);
        f.Verification.Learn("w", f.Trusted());
        var d = f.Verification.Decide([Primary(f, 2, "w")]);
        var final = Assert.Single(d.Finals);
        Assert.Equal(2, final.Ordinal);
        var credit = Assert.Single(d.Credits);
        Assert.False(credit.Pending);
        Assert.Equal(f.Job.TileId(2), credit.TileId);
        Assert.Equal(CreditPricing.Credits(f.Spec.Scene, 16 * 16), credit.Amount);
        Assert.Empty(d.FollowUps);
        Assert.Empty(d.Verdicts);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ANewcomersRendersAreAllCheckedAndOnlyPending()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("new", new TrustPolicy(f.Options.Verification).Initial);
        var d = f.Verification.Decide([.. Enumerable.Range(0, 8).Select(o => Primary(f, o, "new"))]);
        Assert.Empty(d.Finals);
        Assert.All(d.Credits, c => Assert.True(c.Pending));
        Assert.Equal(8, d.FollowUps.Count(r => r.Kind == AttemptKind.Check));
        Assert.All(d.FollowUps, r => Assert.Equal("new", Assert.Single(r.Prior).WorkerId));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void APassingCheckConfirmsAndVouchesOnlyForTilesThatArrivedBeforeTheCheckedOne()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("w", f.Trusted(valid: 20));
        f.Verification.Learn("checker", f.Trusted());

        // A trusted worker's tiles are mostly deferred to its window; find the first one picked for a check.
        var first = f.Verification.Decide([.. Enumerable.Range(0, 16).Select(o => Primary(f, o, "w"))]);
        var check = Assert.Single(first.FollowUps.Take(1));
        int deferredBefore = Enumerable.Range(0, check.Ordinal).Count(o => first.FollowUps.All(c => c.Ordinal != o));
        var decided = f.Verification.Decide([new TileAttempt(check, f.Prior(check.Ordinal, "checker"))]);

        Assert.Contains(f.Job.TileId(check.Ordinal), decided.Confirm);
        Assert.Equal(deferredBefore + 1, decided.Confirm.Count);
        Assert.Equal(check.Ordinal, decided.Finals[0].Ordinal);
        Assert.Equal("w", decided.Finals[0].Result.WorkerId);
        Assert.Contains(decided.Credits, c => c.TileId == f.Job.TileId(check.Ordinal) + "#check" && c.WorkerId == "checker" && !c.Pending);
        Assert.Equal(["checker", "w"], decided.Verdicts.Select(v => v.WorkerId).Order());
        Assert.All(decided.Verdicts, v => Assert.Equal(TrustVerdict.Valid, v.Decision.Verdict));
        Assert.All(decided.Finals.Skip(1), t => Assert.True(t.Ordinal < check.Ordinal));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ADisagreementAsksForATiebreakAndJudgesNobodyYet()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("checker", f.Trusted());
        var check = f.Check(3, "w");
        var d = f.Verification.Decide([new TileAttempt(check, f.Prior(3, "checker", bias: 0.5f))]);
        var tiebreak = Assert.Single(d.FollowUps);
        Assert.Equal(AttemptKind.Tiebreak, tiebreak.Kind);
        Assert.Equal(["w", "checker"], tiebreak.Prior.Select(p => p.WorkerId));
        Assert.Single(d.Disagreements);
        Assert.Empty(d.Verdicts);
        Assert.Empty(d.Finals);
        Assert.Empty(d.Confirm);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ATiebreakAgainstTheFirstRenderRefusesItPaysTheCheckerAndReissuesTheCheatersWindow()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("cheat", f.Trusted());
        f.Verification.Learn("checker", f.Trusted());
        f.Verification.Learn("third", f.Trusted());
        var early = f.Verification.Decide([.. Enumerable.Range(0, 16).Select(o => Primary(f, o, "cheat", bias: 0.5f))]);
        var deferred = Enumerable.Range(0, 16).Where(o => early.FollowUps.All(c => c.Ordinal != o)).ToList();
        Assert.NotEmpty(deferred);

        var wrong = f.Prior(1, "cheat", bias: 0.5f);
        var right = f.Prior(1, "checker");
        var tiebreak = new TileRequest(1, AttemptKind.Tiebreak, [wrong, right], -1);
        var d = f.Verification.Decide([new TileAttempt(tiebreak, f.Prior(1, "third"))]);

        Assert.Contains(f.Job.TileId(1), d.Reject);
        Assert.Equal("checker", Assert.Single(d.Finals).Result.WorkerId);
        Assert.Contains(d.Credits, c => c.TileId == f.Job.TileId(1) + "#check" && c.WorkerId == "checker");
        Assert.Contains(d.Credits, c => c.TileId == f.Job.TileId(1) + "#tiebreak" && c.WorkerId == "third");
        Assert.Contains(d.Verdicts, v => v.WorkerId == "cheat" && v.Decision.Verdict == TrustVerdict.Invalid);
        Assert.Contains("cheat", d.Blocklist);

        // Its whole window is refused and rendered again, under a new credit key.
        foreach (int o in deferred)
        {
            Assert.Contains(f.Job.TileId(o), d.Reject);
            Assert.Contains(d.FollowUps, r => r.Ordinal == o && r.Kind == AttemptKind.Primary);
            Assert.Equal("r1", f.Verification.Run.Variant(TileRequest.Primary(o), 0).Wire);
        }

        f.Verification.Learn("other", f.Trusted());
        var again = f.Verification.Decide([Primary(f, deferred[0], "other")]);
        Assert.Equal(f.Job.TileId(deferred[0]) + "#r1", again.Credits[0].TileId);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ThreeRendersWithoutAMajorityStartTheTileOver()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("c", f.Trusted());
        var tiebreak = new TileRequest(4, AttemptKind.Tiebreak, [f.Prior(4, "a", 0.3f), f.Prior(4, "b", 0.6f)], -1);
        var d = f.Verification.Decide([new TileAttempt(tiebreak, f.Prior(4, "c", 0.9f))]);
        Assert.Equal([f.Job.TileId(4)], d.Reject);
        Assert.Equal(AttemptKind.Primary, Assert.Single(d.FollowUps).Kind);
        Assert.Empty(d.Verdicts);
        Assert.Empty(d.Finals);
        Assert.Equal("r1-check", f.Verification.Run.Variant(new TileRequest(4, AttemptKind.Check, []), 0).Wire);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AQuarantinedWorkersRenderIsNeitherCreditedNorKept()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("q", f.Trusted() with { Quarantined = true });
        var d = f.Verification.Decide([Primary(f, 0, "q")]);
        Assert.Empty(d.Credits);
        Assert.Empty(d.Finals);
        Assert.Contains("q", d.Blocklist);
        Assert.Equal(AttemptKind.Primary, Assert.Single(d.FollowUps).Kind);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void VerdictsOfABatchAreSeenByItsLaterTiles()
    {
        var f = new DispatchFakes(verification: true);
        f.Options.Verification.QuarantineAfterInvalid = 2;
        foreach (string w in new[] { "cheat", "b", "c" })
        {
            f.Verification.Learn(w, f.Trusted());
        }

        TileAttempt Lost(int o) =>
            new(new TileRequest(o, AttemptKind.Tiebreak, [f.Prior(o, "cheat", 0.5f), f.Prior(o, "b")], -1), f.Prior(o, "c"));
        var d = f.Verification.Decide([Lost(0), Lost(1), Primary(f, 2, "cheat")]);
        Assert.Equal(2, d.Verdicts.Count(v => v.WorkerId == "cheat" && v.Decision.Verdict == TrustVerdict.Invalid));

        // Quarantined by the second verdict: its next render in the same batch is not credited.
        Assert.DoesNotContain(d.Credits, c => c.WorkerId == "cheat");
        Assert.Contains(d.FollowUps, r => r.Ordinal == 2 && r.Kind == AttemptKind.Primary);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AtTheEndEveryOpenWindowIsClosedByOneMoreCheck()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("a", f.Trusted());
        f.Verification.Learn("b", f.Trusted());
        f.Verification.Learn("checker", f.Trusted());
        var first = f.Verification.Decide([.. Enumerable.Range(0, 16).Select(o => Primary(f, o, o % 2 == 0 ? "a" : "b"))]);
        int deferred = 16 - first.FollowUps.Count;
        var checks = f.Verification.CloseWindows();
        Assert.Equal(checks.Count, checks.Select(c => c.Prior[0].WorkerId).Distinct().Count());
        Assert.All(checks, c => Assert.Equal(AttemptKind.Check, c.Kind));

        // The closing checks pass: every deferred tile is confirmed and final, and no window is left open.
        var d = f.Verification.Decide([.. checks.Select(c => new TileAttempt(c, f.Prior(c.Ordinal, "checker")))]);
        Assert.Equal(deferred, d.Confirm.Count);
        Assert.Equal(deferred, d.Finals.Count);
        Assert.Empty(f.Verification.CloseWindows());
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void OnlyAnchorsCheckWhenThereAreAnyElseTrustedWorkersElseAnybody()
    {
        var f = new DispatchFakes(verification: true);
        var policy = new TrustPolicy(f.Options.Verification);
        f.Verification.Learn("anchor", policy.Anchored);
        f.Verification.Learn("trusted", f.Trusted());
        Assert.Equal(["new", "trusted"], f.Verification.UnfitCheckers(["anchor", "trusted", "new"], []).Order());
        Assert.Equal(["new"], f.Verification.UnfitCheckers(["trusted", "new"], []));
        Assert.Empty(f.Verification.UnfitCheckers(["new", "newer"], []));
        Assert.Equal(["new"], f.Verification.UnfitCheckers(["anchor", "trusted", "new"], ["anchor"]));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void DecidingWithoutTheWorkersTrustRecordIsRefused()
    {
        var f = new DispatchFakes(verification: true);
        var ex = Assert.Throws<InvalidOperationException>(() => f.Verification.Decide([Primary(f, 0, "stranger")]));
        Assert.Contains("stranger", ex.Message, StringComparison.Ordinal);
    }

    private static TileAttempt Primary(DispatchFakes f, int ordinal, string worker, float bias = 0) =>
        new(TileRequest.Primary(ordinal), f.Prior(ordinal, worker, bias));
}
