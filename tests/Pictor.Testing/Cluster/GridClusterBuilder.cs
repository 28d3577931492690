using Pictor.Contracts.Silos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Pictor.Contracts;
using Pictor.Grains;
using Pictor.Grains.Devices;
using Pictor.Grains.Ledger;
using Pictor.Grains.Settlement;
using Pictor.Silo.Hosting;
using Pictor.Silo.Storage;

namespace Pictor.Testing.Cluster;

/// <summary>Builds a test grid on Orleans' in-process test cluster: typed silos, devices, storage and options.</summary>
/// <remarks>
/// <para>
/// Every silo is configured by a delegate that closes over this builder's typed settings (Orleans'
/// <see cref="InProcessTestClusterBuilder"/> takes delegates, not configurator types), so test-owned objects
/// (fake devices, gates, ledger fault hooks) reach the silo as they are, with no registry between tests.
/// </para>
/// <para>
/// Silos run the grid as production does (<see cref="PictorSiloBuilderExtensions.AddPictorGrid"/>): the options
/// below only choose what a deployment would choose (role, devices, storage, grid/ledger/chain options). Unless
/// overridden, every slot is eligible however slowly a loaded test machine benchmarks it.
/// </para>
/// <para>
/// A builder may start several clusters one after another: on the same data directory (or database) and service
/// id, the second is the same grid restarted, which is how tests crash and restart a whole grid.
/// </para>
/// </remarks>
public sealed class GridClusterBuilder
{
    private readonly List<SiloSpec> _silos = [];
    private readonly List<Action<GridOptions>> _grid = [];
    private readonly List<Action<LedgerOptions>> _ledger = [];
    private readonly List<Action<ChainSettlementOptions>> _chain = [];
    private readonly List<Action<SiloSpec, ISiloBuilder>> _silo = [];
    private GridStorage _storage = GridStorage.Sqlite;
    private string? _dataDirectory;
    private string _postgres = string.Empty;
    private ILedgerFaults? _ledgerFaults;
    private string _serviceId = DefaultServiceId;

    /// <summary>The service id of every test grid unless told otherwise: state is per data directory or database anyway,
    /// and a grid started again on the same storage (by any builder) finds its grains.</summary>
    public const string DefaultServiceId = "pictor-tests";

    /// <summary>The silos the next cluster starts with, in order (the first is the first to start).</summary>
    public IReadOnlyList<SiloSpec> Silos => _silos;

    /// <summary>The storage the clusters use.</summary>
    public GridStorage Storage => _storage;

    /// <summary>Adds a silo.</summary>
    public GridClusterBuilder AddSilo(SiloSpec silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (_silos.Any(s => s.Host == silo.Host))
        {
            throw new ArgumentException($"Two silos named {silo.Host}.", nameof(silo));
        }

        _silos.Add(silo);
        return this;
    }

    /// <summary>Adds a silo with worker host <paramref name="host"/>, <paramref name="devices"/> and <paramref name="role"/>.</summary>
    public GridClusterBuilder AddSilo(string host, GridDevices devices, SiloRole role = SiloRole.All) =>
        AddSilo(new SiloSpec(host) { Devices = devices, Role = role });

    /// <summary>Adds <paramref name="count"/> silos <c>silo-0</c>, <c>silo-1</c>… each with <paramref name="devices"/>.</summary>
    public GridClusterBuilder AddSilos(int count, GridDevices devices)
    {
        for (int i = 0; i < count; i++)
        {
            AddSilo($"silo-{i}", devices);
        }

        return this;
    }

    /// <summary>Grain state in one SQLite file under <paramref name="dataDirectory"/> (kept), or under a temp directory
    /// the cluster deletes.</summary>
    public GridClusterBuilder UseSqlite(string? dataDirectory = null)
    {
        _storage = GridStorage.Sqlite;
        _dataDirectory = dataDirectory;
        return this;
    }

    /// <summary>Grain state and reminders on PostgreSQL; the schema is applied before the first silo starts.</summary>
    public GridClusterBuilder UsePostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _storage = GridStorage.Postgres;
        _postgres = connectionString;
        return this;
    }

    /// <summary>Overrides grid options (section <c>Grid</c>), e.g. <c>o =&gt; o.Verification.Enabled = false</c>.</summary>
    public GridClusterBuilder ConfigureGrid(Action<GridOptions> configure)
    {
        _grid.Add(configure);
        return this;
    }

    /// <summary>Overrides ledger options (section <c>Ledger</c>): epoch length, size, page size.</summary>
    public GridClusterBuilder ConfigureLedger(Action<LedgerOptions> configure)
    {
        _ledger.Add(configure);
        return this;
    }

    /// <summary>Overrides chain settlement options (section <c>Chain</c>): rpc, token, key, polling.</summary>
    public GridClusterBuilder ConfigureChain(Action<ChainSettlementOptions> configure)
    {
        _chain.Add(configure);
        return this;
    }

    /// <summary>Fault hooks the ledger and settlement grains call between their durable steps (every silo, every start).</summary>
    public GridClusterBuilder UseLedgerFaults(ILedgerFaults faults)
    {
        _ledgerFaults = faults;
        return this;
    }

    /// <summary>Clears the ledger fault hooks, so that the next cluster (a restart) runs without them.</summary>
    public GridClusterBuilder WithoutLedgerFaults()
    {
        _ledgerFaults = null;
        return this;
    }

    /// <summary>Anything else a silo needs, applied before the grid's own services (last resort: prefer typed options).</summary>
    public GridClusterBuilder ConfigureSilo(Action<SiloSpec, ISiloBuilder> configure)
    {
        _silo.Add(configure);
        return this;
    }

    /// <summary>The Orleans service id (grain state is keyed by it); <see cref="DefaultServiceId"/> unless set.</summary>
    public GridClusterBuilder WithServiceId(string serviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        _serviceId = serviceId;
        return this;
    }

    /// <summary>Starts the silos and a client with the grid's stream provider.</summary>
    public async Task<GridCluster> StartAsync()
    {
        if (_silos.Count == 0)
        {
            AddSilo("silo-0", GridDevices.Cpu(1));
        }

        TempDirectory? owned = null;
        string dataDirectory = _dataDirectory ?? (owned = TempDirectory.Create("grid")).Path;
        if (_storage == GridStorage.Postgres)
        {
            await PostgresSchema.EnsureAsync(_postgres);
        }

        var specs = _silos.ToList();
        var plan = new Plan(_storage, _postgres, _serviceId, _ledgerFaults, [.. _grid], [.. _ledger], [.. _chain], [.. _silo]);
        var builder = new InProcessTestClusterBuilder((short)specs.Count);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("PICTOR_TEST_LOGS") == "1")
            {
                host.Logging.AddSimpleConsole(o => o.SingleLine = true)
                    .AddFilter("Pictor", LogLevel.Information)
                    .SetMinimumLevel(LogLevel.Warning);
            }
        });
        builder.ConfigureSilo((silo, siloBuilder) => Configure(plan, SpecOf(specs, silo.SiloName), siloBuilder, dataDirectory));
        builder.ConfigureClient(client => client.AddMemoryStreams(StreamNames.Provider));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            owned?.Dispose();
            throw;
        }

        return new GridCluster(cluster, specs, dataDirectory, owned);
    }

    /// <summary>The spec of the silo Orleans named <paramref name="siloName"/> (<c>…_N</c> for the N-th instance).</summary>
    private static SiloSpec SpecOf(List<SiloSpec> specs, string siloName)
    {
        int separator = siloName.LastIndexOf('_');
        if (separator < 0 || !int.TryParse(siloName.AsSpan(separator + 1), out int instance) || instance >= specs.Count)
        {
            throw new InvalidOperationException(
                $"The test cluster started silo '{siloName}', which is none of the {specs.Count} silos built.");
        }

        return specs[instance];
    }

    private static void Configure(Plan plan, SiloSpec spec, ISiloBuilder silo, string dataDirectory)
    {
        var options = new SiloHostOptions
        {
            DataDirectory = dataDirectory,
            Cluster = plan.Storage == GridStorage.Postgres ? plan.Postgres : string.Empty,
            Devices = spec.Devices.Selection ?? "cpu:1",
            WorkerHost = spec.Host,
            Role = spec.Role,
            Wallet = spec.Wallet,
            Dashboard = false,
            ServiceId = plan.ServiceId,
        };

        // The grid's own registrations use TryAdd where a host may bring its own: these come first.
        if (spec.Devices.SlotFactory is { } slots && spec.Role != SiloRole.Core)
        {
            silo.Services.AddSingleton<ILocalDevicePool>(_ => new LocalDevicePool(slots(spec), spec.Wallet));
        }

        if (plan.LedgerFaults is { } faults)
        {
            silo.Services.AddSingleton<ILedgerFaults>(faults);
        }

        foreach (var configure in plan.Silo)
        {
            configure(spec, silo);
        }

        silo.AddPictorGrid(options);
        silo.Services.PostConfigure<GridOptions>(o =>
        {
            o.MinimumMsamplesPerSecond = 0;
            o.MinimumDeviceMemoryBytes = 0;
            foreach (var configure in plan.Grid)
            {
                configure(o);
            }
        });
        foreach (var configure in plan.Ledger)
        {
            silo.Services.PostConfigure(configure);
        }

        foreach (var configure in plan.Chain)
        {
            silo.Services.PostConfigure(configure);
        }
    }

    /// <summary>What one cluster was built with: later changes to the builder do not reach its silos (restarts included).</summary>
    private sealed record Plan(
        GridStorage Storage,
        string Postgres,
        string ServiceId,
        ILedgerFaults? LedgerFaults,
        List<Action<GridOptions>> Grid,
        List<Action<LedgerOptions>> Ledger,
        List<Action<ChainSettlementOptions>> Chain,
        List<Action<SiloSpec, ISiloBuilder>> Silo);
}
