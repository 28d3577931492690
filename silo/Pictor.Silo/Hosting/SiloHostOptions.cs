using Pictor.Grains.Placement;

namespace Pictor.Silo.Hosting;

/// <summary>Settings of a silo host; bound from configuration section <see cref="Section"/> (e.g. <c>Silo__DataDirectory</c>).</summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Silo";

    /// <summary>Where the embedded grid keeps its SQLite database.</summary>
    public string DataDirectory { get; set; } = ".pictor";

    /// <summary>Render devices: <c>auto</c>, <c>cpu:N</c>, <c>cuda:I,J</c> or <c>ilgpu-cpu</c>.</summary>
    public string Devices { get; set; } = "auto";

    /// <summary>CPU worker slots when the selection names none (auto on a CPU-only host, or plain <c>cpu</c>).</summary>
    public int CpuSlots { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The owner wallet credited for this host's workers; empty for none.</summary>
    public string Wallet { get; set; } = string.Empty;

    /// <summary>The host part of worker ids (<c>{host}/{device}</c>); defaults to the machine name.</summary>
    public string WorkerHost { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Orleans cluster id.</summary>
    public string ClusterId { get; set; } = "pictor";

    /// <summary>Orleans service id: grain state is keyed by it, so keep it stable across restarts.</summary>
    public string ServiceId { get; set; } = "pictor-grid";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Whether to serve the Orleans Dashboard.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Dashboard port on 127.0.0.1; 0 picks a free port.</summary>
    public int DashboardPort { get; set; } = 8080;

    /// <summary>What this silo hosts: <c>All</c>, <c>Core</c> or <c>Worker</c>.</summary>
    public SiloRole Role { get; set; } = SiloRole.All;

    /// <summary>The SQLite database file inside <see cref="DataDirectory"/>.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "grid.db");
}
