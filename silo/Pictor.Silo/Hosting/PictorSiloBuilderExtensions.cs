using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Pictor.Contracts;
using Pictor.Contracts.Silos;
using Pictor.Grains.Devices;
using Pictor.Grains.Jobs;
using Pictor.Grains.Ledger;
using Pictor.Grains.Placement;
using Pictor.Grains.Security;
using Pictor.Grains;
using Pictor.Rendering.Devices;
using Pictor.Silo.Devices;
using Pictor.Silo.Storage;

namespace Pictor.Silo.Hosting;

/// <summary>Adds Pictor.Grid to an Orleans silo: storage, streams, reminders, device slots and grid options.</summary>
public static class PictorSiloBuilderExtensions
{
    /// <summary>
    /// Configures the grid's services: grain storage and reminders for the mode, memory streams, the silo's role,
    /// device slots.
    /// </summary>
    /// <remarks>
    /// Embedded mode (<see cref="SiloHostOptions.Cluster"/> empty): SQLite grain storage, in-memory reminders.
    /// Cluster mode: grain storage and reminders on the cluster's PostgreSQL, whose schema must already be applied
    /// (<see cref="Cluster.ClusterGrid"/> applies it). Both: memory streams with an in-memory PubSubStore, and the
    /// role published in silo metadata (<see cref="ISiloRoles"/>).
    /// </remarks>
    /// <param name="silo">The silo builder.</param>
    /// <param name="options">Host options.</param>
    /// <param name="configuration">Configuration holding the <see cref="GridOptions.Section"/> section, if any.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddPictorGrid(this ISiloBuilder silo, SiloHostOptions options, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsCluster)
        {
            silo.UsePostgresGridStorage(options.Cluster);
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresSchema.Invariant;
                o.ConnectionString = options.Cluster;
            });
        }
        else
        {
            silo.UseSqliteGridStorage(options.DatabasePath);
            silo.UseInMemoryReminderService();
        }

        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.AddMemoryStreams(StreamNames.Provider);
        silo.AddPictorSiloRole(options.Role);

        var services = silo.Services;
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        var grid = services.AddOptions<GridOptions>();
        if (configuration is not null)
        {
            grid.Bind(configuration.GetSection(GridOptions.Section));
        }

        services.AddSingleton(TimeProvider.System);
        services.AddPictorLedger(configuration);
        services.AddSingleton(sp => new DeviceCatalog(sp.GetService<ILogger<DeviceCatalog>>()));
        // TryAdd: a host (or a test) may bring its own pool, e.g. with devices it built itself.
        services.TryAddSingleton<ILocalDevicePool>(sp => DevicePoolFactory.Create(
            sp.GetRequiredService<DeviceCatalog>(),
            options,
            sp.GetRequiredService<IOptions<GridOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pictor.Silo.Devices")));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkerSlotRegistrar>();
        services.AddSingleton<DeviceDirectoryCache>();
        services.AddSingleton<Pictor.Grains.Scenes.SiloSceneCache>();
        services.AddSingleton<DeviceDirectoryAgent>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeviceDirectoryAgent>());
        services.AddPlacementDirector<DeviceAwarePlacementStrategy, DeviceAwarePlacementDirector>();
        services.AddSingleton<CallerClassifier>();
        silo.AddIncomingGrainCallFilter<CallerGuard>();
        RestrictGrainClasses(services, options.Role);
        return silo;
    }

    /// <summary>Keeps a silo to its role by removing the grain classes it must not host (Orleans' heterogeneous silos).</summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="role">The role.</param>
    private static void RestrictGrainClasses(IServiceCollection services, SiloRole role)
    {
        if (role == SiloRole.All)
        {
            return;
        }

        services.PostConfigure<GrainTypeOptions>(o =>
        {
            var pictorGrains = o.Classes.Where(t => t.Assembly == typeof(WorkUnitGrain).Assembly).ToList();
            foreach (var type in pictorGrains)
            {
                bool tileWork = WorkerHostedGrains.Classes.Contains(type);
                if (tileWork != (role == SiloRole.Worker))
                {
                    o.Classes.Remove(type);
                }
            }
        });
    }

    /// <summary>Stores grain state in a SQLite file through the Orleans ADO.NET provider, creating the schema if needed.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="databasePath">The database file.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder UseSqliteGridStorage(this ISiloBuilder silo, string databasePath)
    {
        string connectionString = SqliteSchema.Ensure(databasePath);
        silo.AddAdoNetGrainStorage(StorageNames.Grid, o =>
        {
            o.Invariant = SqliteSchema.Invariant;
            o.ConnectionString = connectionString;
        });

        UseBinaryStateSerializer(silo);
        return silo;
    }

    /// <summary>Stores grain state in the cluster's PostgreSQL database through the Orleans ADO.NET provider.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="connectionString">Npgsql connection string of a database whose schema <see cref="PostgresSchema"/> applied.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder UsePostgresGridStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.AddAdoNetGrainStorage(StorageNames.Grid, o =>
        {
            o.Invariant = PostgresSchema.Invariant;
            o.ConnectionString = connectionString;
        });
        UseBinaryStateSerializer(silo);
        return silo;
    }

    // The provider's default is JSON, which is slow and large for float pixels; Orleans' binary format is exact.
    private static void UseBinaryStateSerializer(ISiloBuilder silo) =>
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Grid)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
}
