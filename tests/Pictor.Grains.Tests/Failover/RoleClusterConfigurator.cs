using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Pictor.Contracts;
using Pictor.Contracts.Silos;
using Pictor.Silo.Hosting;

namespace Pictor.Grains.Tests.Failover;

/// <summary>Test-cluster silos with roles: the primary is the core silo, the others are worker silos with two CPU slots each.</summary>
internal sealed class RoleClusterConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    public const string DataDirectoryKey = "PictorDataDirectory";

    public void Configure(ISiloBuilder siloBuilder)
    {
        string name = siloBuilder.Configuration["Orleans:Name"] ?? "unknown";
        var options = new SiloHostOptions
        {
            DataDirectory = siloBuilder.Configuration[DataDirectoryKey]!,
            Devices = "cpu:2",
            WorkerHost = name.ToLowerInvariant(),
            Role = name == "Primary" ? SiloRole.Core : SiloRole.Worker,
        };
        siloBuilder.AddPictorGrid(options);
    }

    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(StreamNames.Provider);

    public static TestClusterBuilder Builder(int silos, string dataDirectory)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Properties[DataDirectoryKey] = dataDirectory;
        builder.AddSiloBuilderConfigurator<RoleClusterConfigurator>();
        builder.AddClientBuilderConfigurator<RoleClusterConfigurator>();
        return builder;
    }
}
