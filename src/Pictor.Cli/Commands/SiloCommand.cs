using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Pictor.Contracts.Silos;
using Pictor.Silo.Cluster;
using Pictor.Silo.Hosting;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor silo --cluster CONN</c>: runs one silo of a cluster until SIGINT or SIGTERM.</summary>
/// <remarks>Every flag has a <c>Silo:…</c> setting (appsettings.json, <c>PICTOR_Silo__…</c>); flags win.</remarks>
internal static class SiloCommand
{
    public static Command Create(CliConsole console)
    {
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Npgsql connection string of the cluster's database (Silo:Cluster).",
        };
        var role = new Option<string?>("--role")
        {
            Description = "core (jobs, ledger, gateway), worker (tiles only) or all (Silo:Role; default all).",
        };
        var wallet = new Option<string?>("--wallet")
        {
            Description = "EIP-55 checksummed owner wallet credited for this silo's devices; required for worker and all roles.",
        };
        var devices = new Option<string?>("--devices")
        {
            Description = "Render devices: auto, cpu:N, cuda:I,J or ilgpu-cpu (Silo:Devices).",
        };
        var host = new Option<string?>("--host")
        {
            Description = "Host part of this silo's worker ids (Silo:WorkerHost; default: machine name).",
        };
        var siloPort = new Option<int?>("--silo-port") { Description = "Silo-to-silo port (Silo:SiloPort; 0 picks a free one)." };
        var gatewayPort = new Option<int?>("--gateway-port")
        {
            Description = "Client gateway port (Silo:GatewayPort; 0 picks a free one); worker silos open none.",
        };
        var dashboardPort = new Option<int?>("--dashboard-port")
        {
            Description = "Dashboard port (Silo:DashboardPort); the dashboard needs Silo:DashboardUser and Silo:DashboardPassword.",
        };
        var advertise = new Option<string?>("--advertise")
        {
            Description = "IP address other silos and clients reach this silo at (Silo:AdvertisedAddress; default 127.0.0.1).",
        };
        var listen = new Option<string?>("--listen")
        {
            Description = "IP address to listen on (Silo:ListenAddress; default: the advertised one).",
        };
        var certificate = new Option<string?>("--cert")
        {
            Description = "Silo certificate for mutual TLS (Silo:Tls:Certificate): .pfx, or PEM with --key.",
        };
        var key = new Option<string?>("--key") { Description = "PEM private key of --cert (Silo:Tls:Key)." };
        var ca = new Option<string?>("--ca") { Description = "PEM certificate of the cluster's CA (Silo:Tls:CaCertificate)." };
        var verbose = CliOptions.Verbose();
        var command = new Command("silo", "Run one silo of a cluster (PostgreSQL membership, storage and reminders; mutual TLS) until " +
            "Ctrl+C or SIGTERM.")
        {
            cluster, role, wallet, devices, host, siloPort, gatewayPort, dashboardPort, advertise, listen, certificate, key, ca, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load();
            var options = CliConfiguration.SiloOptions(configuration);
            options.Cluster = parse.GetValue(cluster) ?? options.Cluster;
            if (!options.IsCluster)
            {
                await console.Error.WriteLineAsync("error: give the cluster's database with --cluster \"Host=…;Database=…;Username=…\" " +
                    "(or Silo:Cluster)");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(role) is { } roleText)
            {
                if (!SiloRoleNames.TryParse(roleText, out var parsed))
                {
                    await console.Error.WriteLineAsync($"error: --role is '{roleText}'; use core, worker or all");
                    return ExitCodes.BadInput;
                }

                options.Role = parsed;
            }

            options.Wallet = parse.GetValue(wallet) ?? options.Wallet;
            options.Devices = parse.GetValue(devices) ?? options.Devices;
            options.WorkerHost = parse.GetValue(host) ?? options.WorkerHost;
            options.SiloPort = FreePorts.Resolve(parse.GetValue(siloPort) ?? options.SiloPort);
            options.GatewayPort = FreePorts.Resolve(parse.GetValue(gatewayPort) ?? options.GatewayPort);
            options.DashboardPort = FreePorts.Resolve(parse.GetValue(dashboardPort) ?? options.DashboardPort);
            options.AdvertisedAddress = parse.GetValue(advertise) ?? options.AdvertisedAddress;
            options.ListenAddress = parse.GetValue(listen) ?? options.ListenAddress;
            options.Tls.Certificate = parse.GetValue(certificate) ?? options.Tls.Certificate;
            options.Tls.Key = parse.GetValue(key) ?? options.Tls.Key;
            options.Tls.CaCertificate = parse.GetValue(ca) ?? options.Tls.CaCertificate;
            var problems = options.ClusterProblems();
            if (problems.Count > 0)
            {
                foreach (string problem in problems)
                {
                    await console.Error.WriteLineAsync($"error: {problem}");
                }

                return ExitCodes.BadInput;
            }

            return await RunAsync(options, configuration, parse.GetValue(verbose), console, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        SiloHostOptions options, IConfiguration configuration, bool verbose, CliConsole console, CancellationToken cancellationToken)
    {
        ClusterGrid grid;
        try
        {
            grid = await ClusterGrid.StartAsync(
                options, configuration, CliConfiguration.Logging(verbose, configuration), cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OrleansException or Npgsql.NpgsqlException)
        {
            await console.Error.WriteLineAsync($"error: the silo did not start: {ex.Message}");
            return ExitCodes.Failed;
        }

        await using (grid)
        {
            // Contract lines for scripts and tests: "silo: up …", then "silo: stopped".
            string gateway = options.Role == SiloRole.Worker
                ? "none"
                : options.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await console.Out.WriteLineAsync(
                $"silo: up {grid.SiloAddress.ToParsableString()} role={SiloRoleNames.Format(options.Role)} "
                + $"cluster={options.ClusterId} gateway={gateway} tls={(options.Tls.Insecure ? "off" : "mutual")}");
            if (grid.DashboardUrl is { } dashboard)
            {
                await console.Out.WriteLineAsync($"dashboard: {dashboard} (HTTP Basic)");
            }

            await console.Out.FlushAsync(CancellationToken.None);
            try
            {
                // The host's console lifetime stops it on SIGINT/SIGTERM; the command's token covers the rest.
                await grid.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await grid.StopAsync(CancellationToken.None);
            }
        }

        await console.Out.WriteLineAsync("silo: stopped");
        return ExitCodes.Ok;
    }
}
