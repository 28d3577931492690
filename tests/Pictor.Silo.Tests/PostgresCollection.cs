namespace Pictor.Silo.Tests;

/// <summary>Cluster-host tests that share one throwaway PostgreSQL server; each makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres cluster";
}
