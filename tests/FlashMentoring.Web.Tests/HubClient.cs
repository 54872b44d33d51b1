using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlashMentoring.Web.Tests;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a real WebSocket to the test server (the .NET SignalR
/// client is not available here): handshake, invocations with completions, and server pushes by target.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly WebSocket socket;
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> pending = [];
    private readonly Dictionary<string, Channel<JsonElement>> pushes = [];
    private readonly Task receiving;
    private int nextId;

    private HubClient(WebSocket socket)
    {
        this.socket = socket;
        receiving = Task.Run(ReceiveLoop);
    }

    public static async Task<HubClient> ConnectAsync<T>(WebApplicationFactory<T> app, string path)
        where T : class
    {
        app.CreateClient().Dispose(); // Starts the server.
        var ws = app.Server.CreateWebSocketClient();
        var socket = await ws.ConnectAsync(new Uri($"ws://localhost{path}"), CancellationToken.None);
        await SendRaw(socket, "{\"protocol\":\"json\",\"version\":1}");
        var handshake = await ReadMessage(socket);
        if (handshake != "{}")
        {
            throw new InvalidOperationException("SignalR handshake failed: " + handshake);
        }

        return new HubClient(socket);
    }

    public async Task<JsonElement> InvokeAsync(string target, params object[] arguments)
    {
        var id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pending)
        {
            pending[id] = done;
        }

        await SendRaw(socket, JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The next push of <paramref name="target"/> (its first argument, if any).</summary>
    public async Task<JsonElement> NextAsync(string target, TimeSpan? within = null) =>
        await Pushes(target).Reader.ReadAsync().AsTask().WaitAsync(within ?? TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            // Output only: the receive loop is the one reader and sees the server's close.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        socket.Dispose();
    }

    private Channel<JsonElement> Pushes(string target)
    {
        lock (pushes)
        {
            if (!pushes.TryGetValue(target, out var channel))
            {
                pushes[target] = channel = Channel.CreateUnbounded<JsonElement>();
            }

            return channel;
        }
    }

    private async Task ReceiveLoop()
    {
        while (socket.State == WebSocketState.Open)
        {
            string frame;
            try
            {
                frame = await ReadMessage(socket);
            }
            catch (Exception) when (socket.State != WebSocketState.Open)
            {
                return;
            }

            // A frame may carry several records, each ending with the separator.
            foreach (var record in frame.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
            {
                Dispatch(record);
            }
        }
    }

    private void Dispatch(string record)
    {
        using var doc = JsonDocument.Parse(record);
        var message = doc.RootElement.Clone();
        switch (message.GetProperty("type").GetInt32())
        {
            case 1:
                // A push without arguments (EventDeleted, PeopleChanged) is heard as an undefined element.
                var arguments = message.GetProperty("arguments");
                Pushes(message.GetProperty("target").GetString()!).Writer.TryWrite(arguments.GetArrayLength() > 0 ? arguments[0] : default);
                break;
            case 3:
                TaskCompletionSource<JsonElement>? done;
                lock (pending)
                {
                    pending.Remove(message.GetProperty("invocationId").GetString()!, out done);
                }

                if (message.TryGetProperty("error", out var error))
                {
                    done?.TrySetException(new InvalidOperationException(error.GetString()));
                }
                else
                {
                    done?.TrySetResult(message.TryGetProperty("result", out var result) ? result : default);
                }

                break;
        }
    }

    private static Task SendRaw(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    // One WebSocket message: one or more records, the last ending with the separator.
    private static async Task<string> ReadMessage(WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed");
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage && message.Length > 0 && message.GetBuffer()[message.Length - 1] == Separator)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length - 1);
            }
        }
    }
}
