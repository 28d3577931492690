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
        f.Know("w", f.Trusted());
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
        f.Know("new", new TrustPolicy(f.Options.Verification).Initial);
        var d = f.Verification.Decide([.. Enumerable.Range(0, 8).Select(o => Primary(f, o, "new"))]);
        Assert.Empty(d.Finals);
        Assert.All(d.Credits, c => Assert.True(c.Pending));
        Assert.Equal(8, d.FollowUps.Count(r => r.Kind == AttemptKind.Check));
        Assert.All(d.FollowUps, r => Assert.Equal("new", Assert.Single(r.Prior).WorkerId));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void APassingCheckConfirmsOnlyTheTileItChecked_TheOthersWaitInTheWindow()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("w", f.Trusted(valid: 20));
        f.Know("checker", f.Trusted());

        // A trusted worker's tiles are drawn one by one; the ones not drawn wait in its window.
        var first = f.Verification.Decide([.. Enumerable.Range(0, 16).Select(o => Primary(f, o, "w"))]);
        var check = first.FollowUps[^1];
        Assert.True(Enumerable.Range(0, check.Ordinal).Any(o => first.FollowUps.All(c => c.Ordinal != o)), "a tile deferred before it");
        Assert.Equal(-1, check.VouchUpTo);
        var decided = f.Verification.Decide([new TileAttempt(check, f.Prior(check.Ordinal, "checker"))]);

        Assert.Equal([f.Job.TileId(check.Ordinal)], decided.Confirm);
        Assert.Equal(check.Ordinal, Assert.Single(decided.Finals).Ordinal);
        Assert.Equal("w", decided.Finals[0].Result.WorkerId);
        Assert.Contains(decided.Credits, c => c.TileId == f.Job.TileId(check.Ordinal) + "#check" && c.WorkerId == "checker" && !c.Pending);
        Assert.Equal(["checker", "w"], decided.Verdicts.Select(v => v.WorkerId).Order());
        Assert.All(decided.Verdicts, v => Assert.Equal(TrustVerdict.Valid, v.Decision.Verdict));
        Assert.Equal(16 - first.FollowUps.Count, f.Verification.Run.Window("w").Count);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AFailingCheckRejectsBadTilesThatWereDeferredBeforeAnEarlierPassingCheck()
    {
        // Window vouching let a pass of one honest tile pay for the bad ones before it. Now they stay exposed: the
        // worker's next failing check refuses them.
        var f = new DispatchFakes(width: 128, height: 128, verification: true);
        f.Know("cheat", f.Trusted(valid: 20));
        f.Know("checker", f.Anchor());
        f.Know("third", f.Anchor());
        double p = f.Trusted(valid: 20).CheckProbability;
        var drawn = Enumerable.Range(0, 64).Where(o => CheckSampler.ShouldCheck(12345, o, p)).ToList();
        Assert.True(drawn.Count >= 2 && drawn[0] > 0, "the secret draws a tile after a deferred one, then another");
        var (honest, caught) = (drawn[0], drawn[1]);
        var badBefore = Enumerable.Range(0, honest).ToList();

        // Bad: every tile deferred before the first drawn one, and the second drawn one.
        var first = f.Verification.Decide(
            [.. Enumerable.Range(0, 64).Select(o => Primary(f, o, "cheat", badBefore.Contains(o) || o == caught ? 0.5f : 0))]);
        var checks = first.FollowUps.ToDictionary(r => r.Ordinal);
        var pass = f.Verification.Decide([new TileAttempt(checks[honest], f.Prior(honest, "checker"))]);
        Assert.Equal([f.Job.TileId(honest)], pass.Confirm);

        var disagreed = f.Verification.Decide([new TileAttempt(checks[caught], f.Prior(caught, "checker"))]);
        var tiebreak = Assert.Single(disagreed.FollowUps);
        var d = f.Verification.Decide([new TileAttempt(tiebreak, f.Prior(caught, "third"))]);
        Assert.Contains(d.Verdicts, v => v.WorkerId == "cheat" && v.Decision.Verdict == TrustVerdict.Invalid);
        foreach (int o in badBefore.Append(caught))
        {
            Assert.Contains(f.Job.TileId(o), d.Reject);
        }

        Assert.DoesNotContain(d.Finals, t => t.Result.WorkerId == "cheat");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ADisagreementAsksForATiebreakAndJudgesNobodyYet()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("checker", f.Trusted());
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
        f.Know("cheat", f.Trusted());
        f.Know("checker", f.Trusted());
        f.Know("third", f.Trusted());
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

        f.Know("other", f.Trusted());
        var again = f.Verification.Decide([Primary(f, deferred[0], "other")]);
        Assert.Equal(f.Job.TileId(deferred[0]) + "#r1", again.Credits[0].TileId);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ThreeRendersWithoutAMajorityStartTheTileOver()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("c", f.Trusted());
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
        f.Know("q", f.Trusted() with { Quarantined = true });
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
            f.Know(w, f.Trusted());
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
    public void AtTheEndEveryOpenWindowIsClosedByOneMoreCheck_OnceTheWorkersOtherChecksAreDecided()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("a", f.Trusted(valid: 20));
        f.Know("b", f.Trusted(valid: 20));
        f.Know("checker", f.Trusted());
        var first = f.Verification.Decide([.. Enumerable.Range(0, 16).Select(o => Primary(f, o, o % 2 == 0 ? "a" : "b"))]);
        int deferred = 16 - first.FollowUps.Count;
        Assert.InRange(deferred, 2, 14);

        // A worker whose drawn check is undecided keeps its window: that check could still refuse it.
        var undecided = first.FollowUps.Select(r => r.Prior[0].WorkerId).ToHashSet();
        Assert.All(f.Verification.CloseWindows(), c => Assert.DoesNotContain(c.Prior[0].WorkerId, undecided));
        var answered = f.Verification.Decide([.. first.FollowUps.Select(c => new TileAttempt(c, f.Prior(c.Ordinal, "checker")))]);
        Assert.Equal(first.FollowUps.Count, answered.Confirm.Count);
        List<string> workers = ["a", "b"];
        var windows = workers.ToDictionary(w => w, w => f.Verification.Run.Window(w).Select(e => e.Tile.Ordinal).ToList());
        var checks = f.Verification.CloseWindows();
        Assert.All(checks, c => Assert.Equal(AttemptKind.Check, c.Kind));
        Assert.All(checks, c => Assert.True(c.VouchUpTo >= 0));

        // Two a window of two or more: its newest entry (a worker turning bad) and one drawn from the secret.
        foreach (var (worker, window) in windows.Where(w => w.Value.Count > 0))
        {
            var mine = checks.Where(c => c.Prior[0].WorkerId == worker).Select(c => c.Ordinal).ToList();
            Assert.Equal(Math.Min(2, window.Count), mine.Count);
            Assert.Contains(window[^1], mine);
        }

        // The closing checks pass: every deferred tile is confirmed and final, and no window is left open.
        var d = f.Verification.Decide([.. checks.Select(c => new TileAttempt(c, f.Prior(c.Ordinal, "checker")))]);
        Assert.Equal(deferred, d.Confirm.Count);
        Assert.Equal(deferred, d.Finals.Count);
        Assert.Empty(f.Verification.CloseWindows());
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ABoundedWindowIsClosedBeforeTheEnd_OnlyOverEntriesOlderThanEveryUndecidedCheck()
    {
        var options = new GridOptions();
        options.Verification.WindowTiles = 8;
        var f = new DispatchFakes(width: 128, height: 128, options: options, verification: true);
        f.Know("w", f.Trusted(valid: 100));
        f.Know("checker", f.Anchor());
        var first = f.Verification.Decide([.. Enumerable.Range(0, 64).Select(o => Primary(f, o, "w"))]);
        var drawn = first.FollowUps.Where(r => r.VouchUpTo < 0).ToList();
        Assert.NotEmpty(drawn);
        var deferred = Enumerable.Range(0, 64).Where(o => drawn.All(r => r.Ordinal != o)).ToList();

        // While the drawn checks are undecided, a close may only take entries that arrived before the first of them.
        var early = first.FollowUps.Where(r => r.VouchUpTo >= 0).ToList();
        Assert.Equal(drawn[0].Ordinal >= 8 ? 2 : 0, early.Count);
        Assert.All(early, c => Assert.True(c.Ordinal < drawn[0].Ordinal));

        // Once they are decided, one close (never two at once) takes the 8 oldest entries with two checks, the newest
        // of them among those; the first pass confirms nothing more, the second the rest of the span.
        var answered = f.Verification.Decide([.. drawn.Select(c => new TileAttempt(c, f.Prior(c.Ordinal, "checker")))]);
        var close = early.Concat(answered.FollowUps.Where(r => r.VouchUpTo >= 0)).ToList();
        Assert.Equal(2, close.Count);
        Assert.Contains(deferred[7], close.Select(c => c.Ordinal));
        var half = f.Verification.Decide([new TileAttempt(close[0], f.Prior(close[0].Ordinal, "checker"))]);
        Assert.Equal([f.Job.TileId(close[0].Ordinal)], half.Confirm);
        var passed = f.Verification.Decide([new TileAttempt(close[1], f.Prior(close[1].Ordinal, "checker"))]);
        Assert.Equal(deferred.Take(8).Where(o => o != close[0].Ordinal), passed.Finals.Select(t => t.Ordinal).Order());
        Assert.Equal(7, passed.Confirm.Count);

        // The same decision closes the next span.
        Assert.Equal(2, passed.FollowUps.Count);
        Assert.All(passed.FollowUps, next => Assert.Contains(next.Ordinal, deferred.Skip(8).Take(8)));
        Assert.All(passed.FollowUps, next => Assert.True(next.VouchUpTo >= 0));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void WithoutAWindowBoundWindowsCloseOnlyAtTheEnd()
    {
        var options = new GridOptions();
        options.Verification.WindowTiles = 0;
        var f = new DispatchFakes(width: 128, height: 128, options: options, verification: true);
        f.Know("w", f.Trusted(valid: 100));
        f.Know("checker", f.Anchor());
        var first = f.Verification.Decide([.. Enumerable.Range(0, 64).Select(o => Primary(f, o, "w"))]);
        Assert.All(first.FollowUps, r => Assert.Equal(-1, r.VouchUpTo));
        var answered = f.Verification.Decide([.. first.FollowUps.Select(c => new TileAttempt(c, f.Prior(c.Ordinal, "checker")))]);
        Assert.Empty(answered.FollowUps);
        Assert.Equal(64 - first.FollowUps.Count, f.Verification.Run.Window("w").Count);
        Assert.Equal(2, f.Verification.CloseWindows().Count);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void TheClosingCheckTakesAWindowEntryDrawnFromTheSecretNotTheLastOne()
    {
        // Over many windows the drawn index covers the window evenly: a cheater honest on its last tile gains nothing.
        var picks = Enumerable.Range(0, 4000).Select(salt => CheckSampler.Pick(0xABCDu, salt, 10)).ToList();
        Assert.All(picks, i => Assert.InRange(i, 0, 9));
        Assert.All(Enumerable.Range(0, 10), i => Assert.InRange(picks.Count(x => x == i), 300, 500));
        Assert.NotEqual(picks, Enumerable.Range(0, 4000).Select(salt => CheckSampler.Pick(0xABCEu, salt, 10)));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void OnlyAnchorsCheckWhenThereAreAnyElseTrustedWorkersElseAnybody()
    {
        var f = new DispatchFakes(verification: true);
        var policy = new TrustPolicy(f.Options.Verification);
        f.Know("anchor", policy.Anchored);
        f.Know("trusted", f.Trusted());
        Assert.Equal(["new", "trusted"], f.Verification.UnfitCheckers(["anchor", "trusted", "new"], []).Order());
        Assert.Equal(["new"], f.Verification.UnfitCheckers(["trusted", "new"], []));
        Assert.Empty(f.Verification.UnfitCheckers(["new", "newer"], []));
        Assert.Equal(["new"], f.Verification.UnfitCheckers(["anchor", "trusted", "new"], ["anchor"]));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AnAnchorsRenderIsFinalAndPaidWithoutACheck_ANamedAnchorOutvotedOnceIsCheckedAgain()
    {
        var f = new DispatchFakes(verification: true);
        var policy = new TrustPolicy(f.Options.Verification);
        f.Know("anchor", f.Anchor());
        var d = f.Verification.Decide([Primary(f, 1, "anchor")]);
        Assert.Equal(1, Assert.Single(d.Finals).Ordinal);
        Assert.False(Assert.Single(d.Credits).Pending);
        Assert.Empty(d.FollowUps);

        f.Know("anchor", policy.Apply(f.Anchor(), TrustVerdict.Invalid));
        var after = f.Verification.Decide([Primary(f, 2, "anchor")]);
        Assert.Empty(after.Finals);
        Assert.True(Assert.Single(after.Credits).Pending);
        Assert.Equal(AttemptKind.Check, Assert.Single(after.FollowUps).Kind);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void DecidingWithoutTheWorkersTrustRecordIsRefused()
    {
        var f = new DispatchFakes(verification: true);
        var ex = Assert.Throws<InvalidOperationException>(() => f.Verification.Decide([Primary(f, 0, "stranger")]));
        Assert.Contains("stranger", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void TheCreditIsWhatTheJobAskedForPaidToTheRegisteredWalletWhateverTheAnswerClaims()
    {
        // 40x40 in 16-px tiles: tile 2 is the right-edge one, 8x16 pixels.
        var f = new DispatchFakes(width: 40, height: 40, verification: false);
        f.Know("w", f.Trusted());
        var claim = f.Prior(2, "w") with { PixelSamples = 1000L * 128, Wallet = "0xattacker" };
        var credit = Assert.Single(f.Verification.Decide([new TileAttempt(TileRequest.Primary(2), claim)]).Credits);
        Assert.Equal(8 * 16, credit.PixelSamples);
        Assert.Equal(CreditPricing.Credits(f.Spec.Scene, 8 * 16), credit.Amount);
        Assert.Equal("0xwallet-w", credit.Wallet);
        Assert.Equal("w", credit.WorkerId);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ARenderByAWorkerTheCoreHasNoRecordOfIsDroppedAndDoneAgain()
    {
        var f = new DispatchFakes(verification: true);
        f.Verification.Learn("ghost", f.Trusted());
        f.Verification.Register("ghost", null);
        var check = f.Check(3, "w");
        var d = f.Verification.Decide([Primary(f, 1, "ghost"), new TileAttempt(check, f.Prior(3, "ghost"))]);
        Assert.Empty(d.Credits);
        Assert.Empty(d.Finals);
        Assert.Empty(d.Verdicts);
        Assert.Contains("ghost", d.Blocklist);
        Assert.Equal(["ghost"], d.Unregistered);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Check], d.FollowUps.Select(r => r.Kind));
        Assert.Same(check, d.FollowUps[1]);

        // "No registration" is asked again next time: a worker's registration can land after its first capacity report.
        Assert.Equal(["ghost"], f.Verification.Unknown(["ghost"]));
        Assert.False(f.Verification.IsRegisteredWorker("ghost"));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void RendersAreComparedAsTheBackendOfTheirRegisteredDeviceNotTheClaimedOne()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("w", f.Trusted(), backend: "cpu-managed");
        f.Know("checker", f.Trusted(), backend: "cpu-managed");

        // Slightly off pixels, claimed to come from another backend: a tolerant cross-backend comparison could pass
        // them, but both devices are registered as the same backend, which must match bit for bit.
        var check = new TileRequest(3, AttemptKind.Check, [f.Prior(3, "w", backend: "cpu-managed")]);
        var answer = f.Prior(3, "checker", bias: 0.0005f, backend: "cuda");
        var d = f.Verification.Decide([new TileAttempt(check, answer)]);
        Assert.Equal(AttemptKind.Tiebreak, Assert.Single(d.FollowUps).Kind);
        Assert.Contains("cpu-managed", Assert.Single(d.Disagreements).Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void RejectionCountsComeFromTheJobsStateAndAreCountedOnThere()
    {
        // The job's stored state says tile 4 was rejected twice before a restart: its next render is "#r2", never a
        // key the ledger already refused.
        var stored = new Dictionary<int, int> { [4] = 2 };
        var f = new DispatchFakes(verification: false);
        var step = new VerificationStep(f.Job, f.Options.Verification, secret: 1, f.Clock, stored);
        step.Register("w", new WorkerRegistration("w", "h", "s", new DeviceSpec("cpu", "w", 1 << 30, 1, "cpu"), "0xw", 1));
        step.Learn("w", f.Trusted());
        var credit = Assert.Single(step.Decide([new TileAttempt(TileRequest.Primary(4), f.Prior(4, "w"))]).Credits);
        Assert.Equal(f.Job.TileId(4) + "#r2", credit.TileId);
        Assert.Equal("r2", step.Run.Variant(TileRequest.Primary(4), 0).Wire);

        // A rejection now is counted in that same state, which the job writes before the ledger hears of it.
        step.Run.Reject(4);
        Assert.Equal(3, stored[4]);
    }

    private static TileAttempt Primary(DispatchFakes f, int ordinal, string worker, float bias = 0) =>
        new(TileRequest.Primary(ordinal), f.Prior(ordinal, worker, bias));
}
