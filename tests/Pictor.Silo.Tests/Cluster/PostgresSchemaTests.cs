using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Pictor.Contracts.Silos;
using Pictor.Grains;
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
                "INSERT INTO grid_storage (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, version) " +
                "VALUES ('s', 1, 2, 3, 4, 't', 7)",
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        // Several silos starting at once: the advisory lock serializes them.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.EnsureAsync(database)));
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM grid_storage) || ',' || (SELECT count(*) FROM OrleansQuery) || ',' || (SELECT count(*) FROM " +
            "grid_schema)",
            check);
        Assert.Equal("1,20,4", await count.ExecuteScalarAsync());
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Storage_StaleDuplicateWriteOnPostgres_IsRefusedWithInconsistentStateException()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        await using var silo = await ClusterTestBed.StartAsync(bed.Silo(SiloRole.Core));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grid);
        await StorageContract.AssertStaleWritesRefusedAsync(storage);
    }
}
