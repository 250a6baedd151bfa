using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SofaBot.Tests.Embeddings;

/// <summary>What the fake embeddings server does with the next requests.</summary>
public enum FakeBehaviour
{
    /// <summary>Answers with one deterministic vector per input.</summary>
    Healthy,

    /// <summary>HTTP 500 with an OpenAI-style error body.</summary>
    ServerError,

    /// <summary>Answers nothing for <see cref="FakeOpenAIServer.HangFor"/> (longer than any client timeout here).</summary>
    Hang,

    /// <summary>Vectors of half the size asked for.</summary>
    WrongDimensions,

    /// <summary>Vectors of the right size and of half that size, alternating.</summary>
    MixedDimensions,

    /// <summary>HTTP 200 with a body cut off in the middle of the JSON.</summary>
    MalformedJson,

    /// <summary>One embedding fewer than the inputs.</summary>
    WrongCount,
}

/// <summary>One request the fake received.</summary>
public sealed record FakeRequest(IReadOnlyList<string> Inputs, string Model, int? Dimensions, string? EncodingFormat);

/// <summary>An OpenAI-compatible <c>POST /v1/embeddings</c> on 127.0.0.1 (Kestrel, a port of its own), with
/// vectors that rank (hashed character unigrams and bigrams), every request recorded, and a switchable failure.</summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();

    private volatile FakeBehaviour _behaviour = FakeBehaviour.Healthy;

    private FakeOpenAIServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The base URL to configure (<c>http://127.0.0.1:port/v1</c>).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>What the next requests get; tests switch it between calls.</summary>
    public FakeBehaviour Behaviour
    {
        get => _behaviour;
        set => _behaviour = value;
    }

    /// <summary>The size of the vectors when a request does not ask for one.</summary>
    public int DefaultDimensions { get; set; } = 64;

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every request received so far, in order, whatever the answer was.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var server = new FakeOpenAIServer(builder.Build());
        await server._app.StartAsync();

        // port 0: Kestrel picked a free port; the address it reports has it
        var bound = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = bound.TrimEnd('/') + "/v1";
        return server;
    }

    /// <summary>An endpoint on a loopback port nothing listens on: connecting to it is refused.</summary>
    public static string RefusedEndpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/v1";
    }

    /// <summary>The fake's vector for a text: unigrams and bigrams of letters and digits (case-folded), hashed
    /// into <paramref name="dimensions"/> signed buckets, unit length. Texts sharing words lie close together.</summary>
    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        var chars = text.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            Add(vector, chars[i].ToString(), 0.5f);
            if (i + 1 < chars.Length)
            {
                Add(vector, string.Concat(chars[i], chars[i + 1]), 1f);
            }
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : [.. vector.Select(v => v / norm)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static void Add(float[] vector, string gram, float weight)
    {
        // FNV-1a: the same buckets in every process, unlike string.GetHashCode
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(gram))
        {
            hash = (hash ^ b) * 16777619u;
        }

        vector[(int)(hash % (uint)vector.Length)] += (hash & 0x8000_0000) == 0 ? weight : -weight;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method != HttpMethods.Post || context.Request.Path != "/v1/embeddings")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = Parse(body.RootElement);
        _requests.Enqueue(request);

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var behaviour = Behaviour;
        switch (behaviour)
        {
            case FakeBehaviour.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "the fake is down", type = "server_error" } }, aborted.Token);
                return;
            case FakeBehaviour.Hang:
                try
                {
                    await Task.Delay(HangFor, aborted.Token);
                }
                catch (OperationCanceledException)
                {
                    // the client gave up (its timeout), or the test ended
                }

                return;
            case FakeBehaviour.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,""", aborted.Token);
                return;
        }

        var size = request.Dimensions ?? DefaultDimensions;
        var inputs = behaviour == FakeBehaviour.WrongCount ? request.Inputs.Skip(1).ToList() : request.Inputs;
        var data = inputs.Select((text, i) =>
        {
            var dimensions = behaviour == FakeBehaviour.WrongDimensions || (behaviour == FakeBehaviour.MixedDimensions && i % 2 == 1) ? size / 2 : size;
            var vector = Embed(text, dimensions);
            object embedding = request.EncodingFormat == "base64" ? Base64(vector) : vector;
            return new { @object = "embedding", index = i, embedding };
        }).ToList();
        var tokens = request.Inputs.Sum(t => t.Length);
        await context.Response.WriteAsJsonAsync(new
        {
            @object = "list",
            data,
            model = request.Model,
            usage = new { prompt_tokens = tokens, total_tokens = tokens },
        }, aborted.Token);
    }

    private static FakeRequest Parse(JsonElement root)
    {
        var input = root.GetProperty("input");
        IReadOnlyList<string> inputs = input.ValueKind == JsonValueKind.String
            ? [input.GetString()!]
            : [.. input.EnumerateArray().Select(e => e.GetString()!)];
        var dimensions = root.TryGetProperty("dimensions", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : (int?)null;
        var format = root.TryGetProperty("encoding_format", out var f) ? f.GetString() : null;
        return new FakeRequest(inputs, root.GetProperty("model").GetString()!, dimensions, format);
    }

    // what the SDK asks for by default: little-endian float32 bytes, base64
    private static string Base64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
