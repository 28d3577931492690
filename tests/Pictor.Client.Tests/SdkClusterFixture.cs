using Pictor.Testing.Cluster;

namespace Pictor.Client.Tests;

/// <summary>One silo with two CPU slots, shared by the SDK tests of a class.</summary>
public sealed class SdkClusterFixture : IAsyncLifetime
{
    public const string Host = "sdk";

    public GridCluster Cluster { get; private set; } = null!;

    public PictorClient Sdk => Cluster.Sdk;

    public async Task InitializeAsync()
    {
        Cluster = await new GridClusterBuilder().AddSilo(Host, GridDevices.Cpu(2)).StartAsync();
        await Cluster.WaitForWorkersAsync(2);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
