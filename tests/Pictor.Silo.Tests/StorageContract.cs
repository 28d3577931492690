using Orleans.Storage;
using Pictor.Contracts.Ledger;

namespace Pictor.Silo.Tests;

/// <summary>What every grain-storage backend of the grid must guarantee, checked the same way on SQLite and PostgreSQL.</summary>
internal static class StorageContract
{
    /// <summary>
    /// A write from a version the store no longer holds is refused with <see cref="InconsistentStateException"/> and
    /// changes nothing; versions count up through clears; of two writers racing from one version exactly one wins.
    /// </summary>
    public static async Task AssertStaleWritesRefusedAsync(IGrainStorage storage)
    {
        var id = GrainId.Create("pictor-test", Guid.NewGuid().ToString("N"));
        var first = new GrainState<CreditOutcome>(new CreditOutcome(1, 0));
        var stale = new GrainState<CreditOutcome>(new CreditOutcome(2, 0));
        await storage.WriteStateAsync("state", id, first);
        Assert.Equal("1", first.ETag);

        // A second activation that never saw the record must not overwrite it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", id, stale));
        first.State = new CreditOutcome(3, 0);
        await storage.WriteStateAsync("state", id, first);
        Assert.Equal("2", first.ETag);

        // Nor may one that read version 1 after it was superseded.
        stale.ETag = "1";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", id, stale));
        var read = new GrainState<CreditOutcome>();
        await storage.ReadStateAsync("state", id, read);
        Assert.Equal(new CreditOutcome(3, 0), read.State);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);

        await storage.ClearStateAsync("state", id, read);
        var cleared = new GrainState<CreditOutcome>();
        await storage.ReadStateAsync("state", id, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Equal("3", cleared.ETag);
        cleared.State = new CreditOutcome(4, 0);
        await storage.WriteStateAsync("state", id, cleared);
        Assert.Equal("4", cleared.ETag);

        // Two writers racing from the same version: exactly one wins.
        var a = new GrainState<CreditOutcome>(new CreditOutcome(5, 0)) { ETag = "4" };
        var b = new GrainState<CreditOutcome>(new CreditOutcome(6, 0)) { ETag = "4" };
        var outcomes = await Task.WhenAll(
            Task.Run(() => WritesAsync(() => storage.WriteStateAsync("state", id, a))),
            Task.Run(() => WritesAsync(() => storage.WriteStateAsync("state", id, b))));
        Assert.Equal(1, outcomes.Count(ok => ok));
    }

    private static async Task<bool> WritesAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
