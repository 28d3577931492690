using System.Net;
using System.Net.Sockets;

namespace Pictor.Cli.Commands;

/// <summary>Finds free loopback TCP ports for ports configured as 0.</summary>
internal static class FreePorts
{
    public static int Resolve(int port)
    {
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
