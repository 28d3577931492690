using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Pictor.Silo.Hosting;

namespace Pictor.Cli.Commands;

/// <summary>The flags that place and shape an embedded grid, applied over configuration.</summary>
internal sealed class EmbeddedSettings
{
    public Option<string?> Data { get; } = CliOptions.DataDirectory();

    public Option<int?> DashboardPort { get; } = CliOptions.DashboardPort();

    public Option<int?> SiloPort { get; } = CliOptions.SiloPort();

    public Option<int?> GatewayPort { get; } = CliOptions.GatewayPort();

    public Option<string?> Devices { get; } = new("--devices") { Description = "Render devices: auto, cpu:N, cuda:I,J or ilgpu-cpu." };

    public Option<bool> Verbose { get; } = CliOptions.Verbose();

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(DashboardPort);
        command.Options.Add(SiloPort);
        command.Options.Add(GatewayPort);
        command.Options.Add(Devices);
        command.Options.Add(Verbose);
    }

    public SiloHostOptions Resolve(ParseResult parse, IConfiguration configuration, int? cpuSlots)
    {
        var options = CliConfiguration.SiloOptions(configuration);
        options.DataDirectory = parse.GetValue(Data) ?? options.DataDirectory;
        options.DashboardPort = FreePorts.Resolve(parse.GetValue(DashboardPort) ?? options.DashboardPort);
        options.SiloPort = FreePorts.Resolve(parse.GetValue(SiloPort) ?? options.SiloPort);
        options.GatewayPort = FreePorts.Resolve(parse.GetValue(GatewayPort) ?? options.GatewayPort);
        options.Devices = parse.GetValue(Devices) ?? options.Devices;
        if (cpuSlots is { } slots)
        {
            options.CpuSlots = slots;
        }

        return options;
    }
}
