using System.Net;
using System.Net.Sockets;
using Pictor.Silo.Hosting;

namespace Pictor.Silo.Tests;

internal static class EmbeddedGridFactory
{
    public static SiloHostOptions Options(string dataDirectory, bool dashboard = false) => new()
    {
        DataDirectory = dataDirectory,
        Devices = "cpu:2",
        WorkerHost = "test-host",
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
        Dashboard = dashboard,
        DashboardPort = dashboard ? FreePort() : 0,
    };

    public static string TempDirectory() => Path.Combine(Path.GetTempPath(), $"pictor-silo-{Guid.NewGuid():N}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
