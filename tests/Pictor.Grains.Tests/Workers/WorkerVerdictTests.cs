using Pictor.Contracts.Workers;
using Pictor.Grains.Workers;

namespace Pictor.Grains.Tests.Workers;

/// <summary>Verdicts recorded in one call are the same as recorded one by one; a bad batch changes nothing.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class WorkerVerdictTests(GridClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task ABatchOfVerdictsEqualsTheSameVerdictsOneByOne()
    {
        var decisions = Enumerable.Range(0, 12).Select(i => Decision(i, i is 4 or 9 ? TrustVerdict.Invalid : TrustVerdict.Valid)).ToList();
        var single = await RegisteredAsync($"verdicts/single-{Guid.NewGuid():N}");
        var batched = await RegisteredAsync($"verdicts/batched-{Guid.NewGuid():N}");
        TrustRecord? last = null;
        foreach (var decision in decisions)
        {
            last = await single.RecordVerdictAsync(decision);
        }

        var record = await batched.RecordVerdictsAsync(decisions);
        Assert.Equal(last, record);
        Assert.True(record.Quarantined);
        var (a, b) = (await single.GetInfoAsync(), await batched.GetInfoAsync());
        Assert.Equal(a.Trust, b.Trust);
        Assert.Equal(WorkerStatus.Quarantined, b.Status);
        Assert.Equal(a.StatusReason, b.StatusReason);
        Assert.Contains("tile 9", b.StatusReason, StringComparison.Ordinal);
        Assert.Equal(a.RecentDecisions, b.RecentDecisions);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task AnEmptyOversizedOrHoleyBatchIsRefusedAndChangesNothing()
    {
        var worker = fixture.Cluster.Core.GetGrain<IWorkerGrain>($"verdicts/refused-{Guid.NewGuid():N}");
        var before = await worker.RecordVerdictsAsync([Decision(0, TrustVerdict.Valid)]);
        await Assert.ThrowsAsync<ArgumentException>(() => worker.RecordVerdictsAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => worker.RecordVerdictsAsync(
            [.. Enumerable.Range(0, WorkerGrain.MaxVerdictsPerCall + 1).Select(i => Decision(i, TrustVerdict.Invalid))]));
        await Assert.ThrowsAsync<ArgumentException>(() => worker.RecordVerdictsAsync([Decision(1, TrustVerdict.Invalid), null!]));
        var after = await worker.GetInfoAsync();
        Assert.Equal(before, after.Trust);
        Assert.Single(after.RecentDecisions!);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task ABatchSentAgain_IsAppliedOnce()
    {
        // What a retried call does when its first attempt was applied but the answer was lost.
        var worker = await RegisteredAsync($"verdicts/retried-{Guid.NewGuid():N}");
        var batch = Enumerable.Range(0, 3).Select(i => Decision(i, TrustVerdict.Invalid)).ToList();
        var first = await worker.RecordVerdictsAsync(batch);

        var again = await worker.RecordVerdictsAsync([.. batch.Select(d => d with { At = d.At.AddMinutes(1) })]);
        var next = await worker.RecordVerdictsAsync([Decision(3, TrustVerdict.Invalid)]);

        Assert.Equal(first, again);
        Assert.Equal(3, first.RecentInvalid);
        Assert.Equal(4, next.RecentInvalid);
        Assert.Equal(4, (await worker.GetInfoAsync()).RecentDecisions!.Count);
    }

    private async Task<IWorkerGrain> RegisteredAsync(string id)
    {
        var worker = fixture.Cluster.Core.GetGrain<IWorkerGrain>(id);
        await worker.RegisterAsync(
            new WorkerRegistration(id, "verdicts", "silo", new DeviceSpec("cpu", "test", 1 << 30, 1, "cpu-managed"), "0xw", 1));
        return worker;
    }

    private static TrustDecision Decision(int tile, TrustVerdict verdict) =>
        new(At.AddSeconds(tile), "verdict-job", $"verdict-job/0/{tile}", verdict, $"tile {tile} was {verdict}");
}
