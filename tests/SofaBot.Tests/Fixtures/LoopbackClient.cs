using System.Net;
using System.Net.Sockets;

namespace SofaBot.Tests.Fixtures;

/// <summary>An HTTP client whose connections come from a loopback address of the test's choosing (any of
/// 127.0.0.0/8 reaches a host on 127.0.0.1), so that one test can be several clients, each with an address of its
/// own, over real TCP. No cookies, no redirects followed: the test reads what the server said.</summary>
public static class LoopbackClient
{
    public static HttpClient From(string address)
    {
        var local = IPAddress.Parse(address);
        return new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        });
    }
}
