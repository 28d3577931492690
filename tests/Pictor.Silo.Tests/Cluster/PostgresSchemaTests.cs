using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Pictor.Contracts.Ledger;
using Pictor.Grains;
using Pictor.Grains.Placement;
using Pictor.Silo.Storage;

namespace Pictor.Silo.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresFixture postgres)
{
    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Schema_AppliedTwiceAndConcurrently_KeepsDataAndQueries()
    {
        string database = await postgres.CreateDatabaseAsync();
        await PostgresSchema.EnsureAsync(database);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO grid_storage (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, version) VALUES ('s', 1, 2, 3, 4, 't', 7)", connection);
            await insert.ExecuteNonQueryAsync();
        }

        // Several silos starting at once: the advisory lock serializes them.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.EnsureAsync(database)));
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM grid_storage) || ',' || (SELECT count(*) FROM OrleansQuery) || ',' || (SELECT count(*) FROM grid_schema)", check);
        Assert.Equal("1,20,4", await count.ExecuteScalarAsync());
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Storage_StaleDuplicateWriteOnPostgres_IsRefusedWithInconsistentStateException()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        await using var silo = await ClusterTestBed.StartAsync(bed.Silo(SiloRole.Core));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grid);
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
            Task.Run(async () => await Record(() => storage.WriteStateAsync("state", id, a))),
            Task.Run(async () => await Record(() => storage.WriteStateAsync("state", id, b))));
        Assert.Equal(1, outcomes.Count(ok => ok));
    }

    private static async Task<bool> Record(Func<Task> write)
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
