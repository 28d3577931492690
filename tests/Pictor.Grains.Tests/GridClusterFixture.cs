using Pictor.Client;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests;

/// <summary>One grid shared by the cluster tests of this project: two silos on one SQLite database, two CPU slots each.</summary>
public sealed class GridClusterFixture : IAsyncLifetime
{
    public GridCluster Cluster { get; private set; } = null!;

    public PictorClient Client => Cluster.Sdk;

    public async Task InitializeAsync() =>
        Cluster = await new GridClusterBuilder().AddSilos(2, GridDevices.Cpu(2)).StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GridClusterCollection : ICollectionFixture<GridClusterFixture>
{
    public const string Name = "grid cluster";
}
