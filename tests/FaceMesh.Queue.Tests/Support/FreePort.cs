using System.Net;
using System.Net.Sockets;

namespace FaceMesh.Queue.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on now (the OS's choice, so parallel runs do not collide).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
