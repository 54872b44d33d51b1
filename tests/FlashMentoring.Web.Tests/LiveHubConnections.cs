using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace FlashMentoring.Web.Tests;

/// <summary>
/// Phones, boards and host consoles as tests see them: the SignalR .NET client on the app's live hub, negotiating and
/// then talking JSON over a WebSocket to the test server, as the browsers do.
/// </summary>
public static class LiveHubConnections
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A started connection to /hubs/live; <paramref name="opened"/> hears each socket it opens, so a test can drop one.
    /// <paramref name="cookie"/> (<c>name=value</c>) goes with every request, as a browser's device cookie does.
    /// </summary>
    public static async Task<HubConnection> ConnectLiveAsync(this WebApplicationFactory<Program> app, Action<WebSocket>? opened = null, string? cookie = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/live"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (cookie is not null)
                {
                    options.Headers["Cookie"] = cookie;
                }

                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    // The hub sees the socket's request, not the negotiation's: the cookie goes on it too.
                    client.ConfigureRequest = request =>
                    {
                        if (cookie is not null)
                        {
                            request.Headers.Cookie = cookie;
                        }
                    };
                    var socket = await client.ConnectAsync(context.Uri, cancellationToken);
                    opened?.Invoke(socket);
                    return socket;
                };
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Every push of <paramref name="target"/> from now on, in order, as the view the phones get.</summary>
    public static ChannelReader<T> Pushes<T>(this HubConnection connection, string target)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var heard = Channel.CreateUnbounded<T>();
        // A statement, not an expression: a handler that returns a value would answer the server as a client result.
        connection.On<T>(target, view => { heard.Writer.TryWrite(view); });
        return heard.Reader;
    }

    /// <summary>Every push of a <paramref name="target"/> that carries nothing (EventDeleted, say): its name, once per push.</summary>
    public static ChannelReader<string> Pushes(this HubConnection connection, string target)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var heard = Channel.CreateUnbounded<string>();
        connection.On(target, () => { heard.Writer.TryWrite(target); });
        return heard.Reader;
    }

    /// <summary>The next push; a <see cref="TimeoutException"/> if none comes <paramref name="within"/> (10 s unless told).</summary>
    public static async Task<T> NextAsync<T>(this ChannelReader<T> pushes, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        // Cancelled rather than abandoned, so a read that timed out does not take a later push from the next read.
        using var timeout = new CancellationTokenSource(within ?? Patience);
        try
        {
            return await pushes.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing was pushed within {(within ?? Patience).TotalMilliseconds} ms.");
        }
    }
}
