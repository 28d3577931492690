using Pictor.Contracts.Workers;
using Pictor.Grains.Verification;
using Xunit.Abstractions;

namespace Pictor.Grains.Tests.Verification;

public sealed class TrustPolicyTests(ITestOutputHelper output)
{
    private readonly TrustPolicy _policy = new(new VerificationOptions());

    private TrustRecord After(int valid)
    {
        var record = _policy.Initial;
        for (int i = 0; i < valid; i++)
        {
            record = _policy.Apply(record, TrustVerdict.Valid);
        }

        return record;
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Newcomer_IsCheckedAlwaysUntilTenValidInARow()
    {
        Assert.Equal(1.0, _policy.Initial.CheckProbability);
        Assert.Equal(1.0, After(9).CheckProbability);
        Assert.Equal(1.0, After(10).CheckProbability);
        Assert.Equal(0.5, After(20).CheckProbability, 6);
        Assert.Equal(0.1, After(100).CheckProbability, 6);
        Assert.Equal(0.03, After(1000).CheckProbability, 6);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void OneInvalid_ResetsTheRecord_AndASecondQuarantines()
    {
        var once = _policy.Apply(After(500), TrustVerdict.Invalid);
        Assert.Equal(0, once.ConsecutiveValid);
        Assert.Equal(1.0, once.CheckProbability);
        Assert.False(once.Quarantined);
        var twice = _policy.Apply(_policy.Apply(once, TrustVerdict.Valid), TrustVerdict.Invalid);
        Assert.True(twice.Quarantined);
        Assert.Equal(2, twice.TotalInvalid);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void RegainingTrust_ForgivesAnEarlierSlip()
    {
        var record = _policy.Apply(After(50), TrustVerdict.Invalid);
        for (int i = 0; i < 10; i++)
        {
            record = _policy.Apply(record, TrustVerdict.Valid);
        }

        Assert.Equal(0, record.RecentInvalid);
        Assert.False(_policy.Apply(record, TrustVerdict.Invalid).Quarantined);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Anchor_IsTrustedUncheckedUntilOutvoted_ThenEarnsItBackLikeAnyWorker()
    {
        Assert.True(_policy.IsAnchor(_policy.Anchored));
        Assert.Equal(0.0, _policy.Anchored.CheckProbability);
        Assert.Equal(int.MaxValue, _policy.UnverifiedTilesAllowed(_policy.Anchored));

        var outvoted = _policy.Apply(_policy.Anchored, TrustVerdict.Invalid);
        Assert.False(_policy.IsAnchor(outvoted));
        Assert.False(_policy.IsTrusted(outvoted));
        Assert.Equal(1.0, outvoted.CheckProbability);
        for (int i = 0; i < 10; i++)
        {
            outvoted = _policy.Apply(outvoted, TrustVerdict.Valid);
        }

        Assert.True(_policy.IsAnchor(outvoted));
        Assert.Equal(0.0, outvoted.CheckProbability);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void WithAnchor_FollowsTheCoresConfigurationWhateverTheStoredRecordSays()
    {
        var stored = After(50) with { Anchor = true };
        var notNamed = _policy.WithAnchor(stored, anchor: false);
        Assert.False(notNamed.Anchor);
        Assert.Equal(_policy.CheckProbability(50), notNamed.CheckProbability);
        var named = _policy.WithAnchor(_policy.Initial, anchor: true);
        Assert.True(_policy.IsAnchor(named));
        Assert.Equal(0.0, named.CheckProbability);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(0, 4)]
    [InlineData(10, 4)]
    [InlineData(20, 8)]
    [InlineData(200, 80)]
    [InlineData(334, int.MaxValue)]
    public void UnverifiedTilesAllowed_IsTheBoundOverTheCheckProbability_UnboundedAtTheFloor(int valid, int allowed) =>
        Assert.Equal(allowed, _policy.UnverifiedTilesAllowed(After(valid)));

    [Fact]
    [Trait("Suite", "fast")]
    public void SteadyState_ExtraComputeOfTrustedWorkers_IsUnderFivePercent()
    {
        // Honest trusted workers: every check passes, so the record only grows; count checks over 20,000 tiles.
        var random = new Random(20261125);
        var record = After(10);
        int checks = 0;
        const int tiles = 20_000;
        for (int ordinal = 0; ordinal < tiles; ordinal++)
        {
            if (CheckSampler.ShouldCheck((uint)random.Next(), ordinal, record.CheckProbability))
            {
                checks++;
                record = _policy.Apply(record, TrustVerdict.Valid);
            }
        }

        double extra = (double)checks / tiles;
        output.WriteLine($"steady state: {checks} checks over {tiles} tiles = {extra:P2} extra compute");
        Assert.InRange(extra, 0.0, 0.05);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(50)]
    [InlineData(200)]
    [InlineData(5000)]
    public void WorkerTurningBad_IsCaughtWithin150TilesInAtLeast95PercentOfRuns(int honestChecksBefore)
    {
        var random = new Random(honestChecksBefore);
        const int runs = 4000;
        int caught = 0;
        for (int run = 0; run < runs; run++)
        {
            uint secret = (uint)random.Next();
            var record = After(honestChecksBefore);
            for (int badTile = 0; badTile < 150; badTile++)
            {
                if (CheckSampler.ShouldCheck(secret, badTile, record.CheckProbability))
                {
                    caught++;
                    break;
                }
            }
        }

        output.WriteLine(
            $"after {honestChecksBefore} valid checks: caught within 150 bad tiles in {caught} of {runs} runs " +
            $"({(double)caught / runs:P1})");
        Assert.True(caught >= 0.95 * runs, $"caught {caught} of {runs}");
    }
}
