using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Pictor.Client;
using Pictor.Contracts;
using Pictor.Silo.Hosting;

namespace Pictor.Grains.Tests;

/// <summary>A two-silo in-process test cluster sharing one SQLite database, each silo with two CPU worker slots.</summary>
public sealed class GridClusterFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"pictor-grains-{Guid.NewGuid():N}");

    public TestCluster Cluster { get; private set; } = null!;

    public PictorClient Client => new(Cluster.Client);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Properties["PictorDataDirectory"] = _dataDirectory;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        TempDirectories.Delete(_dataDirectory);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var options = new SiloHostOptions
            {
                DataDirectory = siloBuilder.Configuration["PictorDataDirectory"]!,
                Devices = "cpu:2",
                WorkerHost = $"silo-{Guid.NewGuid().ToString("N")[..8]}",
            };
            siloBuilder.AddPictorGrid(options);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(StreamNames.Provider);
    }
}

[CollectionDefinition(Name)]
public sealed class GridClusterCollection : ICollectionFixture<GridClusterFixture>
{
    public const string Name = "grid cluster";
}
