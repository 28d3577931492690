namespace Pictor.Cli.Sessions;

/// <summary>A connection to a grid for one CLI command: an embedded silo in this process, or a client of a cluster.</summary>
internal interface IGridSession : IAsyncDisposable
{
    /// <summary>The cluster client.</summary>
    IClusterClient Client { get; }

    /// <summary>Cancelled when the session ends underneath the command (host stopping on SIGINT/SIGTERM).</summary>
    CancellationToken Stopping { get; }

    /// <summary>The dashboard, when this session serves one.</summary>
    Uri? DashboardUrl { get; }

    /// <summary>One line saying what the session is connected to.</summary>
    string Description { get; }
}
