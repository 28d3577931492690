using Pictor.Grains.Devices;
using Pictor.Rendering.Devices;

namespace Pictor.Grains.Tests.Devices;

public sealed class LocalDevicePoolTests : IDisposable
{
    private readonly ManagedCpuDevice _device = new("cpu-x", 1);

    private LocalDevicePool Pool(params (string Id, bool Eligible)[] slots) =>
        new([.. slots.Select(s => new WorkerSlot(s.Id, _device, 1, s.Eligible, s.Eligible ? "ok" : "too slow"))], "0xabc");

    [Fact]
    [Trait("Suite", "fast")]
    public async Task Lease_NeverHandsOutABelowSpecSlot()
    {
        var pool = Pool(("good", true), ("slow", false));
        using var first = await pool.LeaseAsync(null, CancellationToken.None);
        Assert.Equal("good", first.Slot.WorkerId);
        var second = pool.LeaseAsync(null, CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        Assert.Equal(1, pool.Queued);
        first.Dispose();
        using var next = await second;
        Assert.Equal("good", next.Slot.WorkerId);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public async Task Lease_ExcludedWorker_IsSkippedAndAllExcludedThrows()
    {
        var pool = Pool(("a", true), ("b", true));
        using var lease = await pool.LeaseAsync(["a"], CancellationToken.None);
        Assert.Equal("b", lease.Slot.WorkerId);
        await Assert.ThrowsAsync<NoEligibleSlotException>(async () => await pool.LeaseAsync(["a", "b"], CancellationToken.None));
        await Assert.ThrowsAsync<NoEligibleSlotException>(async () => await Pool(("slow", false)).LeaseAsync(null, CancellationToken.None));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public async Task Return_GoesToTheFirstWaiterThatMayTakeTheSlot()
    {
        var pool = Pool(("a", true));
        var held = await pool.LeaseAsync(null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = pool.LeaseAsync(null, cancel.Token).AsTask();
        var waiting = pool.LeaseAsync(null, CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        Assert.True(pool.IsBusy("a"));
        held.Dispose();
        using var got = await waiting;
        Assert.Equal("a", got.Slot.WorkerId);
        Assert.Equal(0, pool.Queued);
    }

    public void Dispose() => _device.Dispose();
}
