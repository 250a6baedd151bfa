using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.DingTalk;

/// <summary>One request the fake received, whatever its path or port.</summary>
public sealed record DingTalkRequest(int Port, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body) as JsonObject ?? [];
}

/// <summary>A message DingTalk accepted: through a session webhook (<c>session</c>) or the group-send API
/// (<c>group</c>).</summary>
public sealed record DeliveredMessage(string Route, DingTalkRequest Request)
{
    /// <summary>The markdown's text: from <c>markdown.text</c>, or from the <c>msgParam</c> JSON string.</summary>
    public string Text => Markdown["text"]!.GetValue<string>();

    public string Title => Markdown["title"]!.GetValue<string>();

    private JsonObject Markdown => Route == "session"
        ? Request.Json["markdown"]!.AsObject()
        : JsonNode.Parse(Request.Json["msgParam"]!.GetValue<string>())!.AsObject();
}

/// <summary>DingTalk on 127.0.0.1 (Kestrel), listening on two ports: the first serves session webhooks
/// (<c>/robot/sendBySession</c>), access tokens (<c>/v1.0/oauth2/accessToken</c>) and the group-send API
/// (<c>/v1.0/robot/groupMessages/send</c>); the second (<see cref="OtherUrl"/>) stands for a server the bot must never
/// call. Every request on either port is recorded; failures can be scripted per path.</summary>
public sealed class FakeDingTalkServer : IAsyncDisposable
{
    public const string SessionPath = "/robot/sendBySession";
    public const string TokenPath = "/v1.0/oauth2/accessToken";
    public const string GroupSendPath = "/v1.0/robot/groupMessages/send";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<DingTalkRequest> _requests = new();
    private readonly ConcurrentQueue<DeliveredMessage> _delivered = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _failures = new();
    private readonly ConcurrentDictionary<string, bool> _validTokens = new();
    private int _nextToken;

    private FakeDingTalkServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The fake DingTalk: <c>http://127.0.0.1:port</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Another port on the same machine, outside <c>BaseUrl</c>: it must never be called.</summary>
    public string OtherUrl { get; private set; } = "";

    public int OtherPort => new Uri(OtherUrl).Port;

    /// <summary>The app key and secret the token endpoint accepts.</summary>
    public (string AppKey, string AppSecret) App { get; set; }

    /// <summary>Lifetime of the tokens it hands out (DingTalk: 7200 s).</summary>
    public int TokenLifetimeSeconds { get; set; } = 7200;

    public IReadOnlyList<DingTalkRequest> Requests => [.. _requests];

    public IReadOnlyList<DeliveredMessage> Delivered => [.. _delivered];

    /// <summary>Every access token handed out, in order.</summary>
    public IReadOnlyList<string> IssuedTokens => [.. _validTokens.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyList<DingTalkRequest> To(string path) => [.. _requests.Where(r => r.Path == path)];

    public static async Task<FakeDingTalkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0");
        var server = new FakeDingTalkServer(builder.Build());
        await server._app.StartAsync();
        var addresses = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        server.Url = addresses[0];
        server.OtherUrl = addresses[1];
        return server;
    }

    /// <summary>The next requests to the path get this answer instead of success, one per request.</summary>
    public void Fail(string path, int status, string body, int times = 1)
    {
        var queue = _failures.GetOrAdd(path, _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, body));
        }
    }

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string?>> _lostAnswers = new();

    /// <summary>The next requests to the path are carried out (the message is delivered) but the bot never gets a
    /// usable answer: the connection is cut (<paramref name="unreadableBody"/> null) or the answer is a 200 with that
    /// body. The bot cannot know whether the message arrived.</summary>
    public void LoseAnswers(string path, int times, string? unreadableBody = null)
    {
        var queue = _lostAnswers.GetOrAdd(path, _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(unreadableBody);
        }
    }

    /// <summary>DingTalk revokes every token handed out so far.</summary>
    public void RevokeTokens()
    {
        foreach (var token in _validTokens.Keys)
        {
            _validTokens[token] = false;
        }
    }

    /// <summary>Waits (up to 20 s, a safety net, not a timing assert) until <paramref name="count"/> messages were delivered.</summary>
    public async Task<IReadOnlyList<DeliveredMessage>> WaitForDeliveredAsync(int count)
    {
        await Eventually.UntilAsync(() => _delivered.Count >= count, $"{count} DingTalk messages delivered");

        return Delivered;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = new DingTalkRequest(
            context.Connection.LocalPort,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            await reader.ReadToEndAsync(context.RequestAborted));
        _requests.Enqueue(request);

        if (request.Port == OtherPort)
        {
            await Answer(context, 200, """{"errcode":0,"errmsg":"ok"}""");
            return;
        }

        if (_failures.TryGetValue(request.Path, out var failures) && failures.TryDequeue(out var failure))
        {
            await Answer(context, failure.Status, failure.Body);
            return;
        }

        switch (request.Path)
        {
            case SessionPath when context.Request.Method == "POST" && context.Request.Query.ContainsKey("session"):
                _delivered.Enqueue(new DeliveredMessage("session", request));
                if (_lostAnswers.TryGetValue(request.Path, out var lost) && lost.TryDequeue(out var unreadable))
                {
                    await LoseAnswerAsync(context, unreadable);
                    break;
                }

                await Answer(context, 200, """{"errcode":0,"errmsg":"ok"}""");
                break;
            case TokenPath:
                var body = request.Json;
                if (body["appKey"]?.GetValue<string>() != App.AppKey || body["appSecret"]?.GetValue<string>() != App.AppSecret)
                {
                    await Answer(context, 400, """{"code":"invalidClientIdOrSecret","message":"无效的clientId或者clientSecret"}""");
                    break;
                }

                var token = $"fake-access-token-{Interlocked.Increment(ref _nextToken):D4}";
                _validTokens[token] = true;
                await Answer(context, 200, new JsonObject { ["accessToken"] = token, ["expireIn"] = TokenLifetimeSeconds }.ToJsonString());
                break;
            case GroupSendPath:
                if (!request.Headers.TryGetValue("x-acs-dingtalk-access-token", out var given) || !_validTokens.TryGetValue(given, out var valid) || !valid)
                {
                    await Answer(context, 401, """{"code":"InvalidAuthentication","message":"不合法的access_token"}""");
                    break;
                }

                _delivered.Enqueue(new DeliveredMessage("group", request));
                if (_lostAnswers.TryGetValue(request.Path, out var lostGroup) && lostGroup.TryDequeue(out var unreadableGroup))
                {
                    await LoseAnswerAsync(context, unreadableGroup);
                    break;
                }

                await Answer(context, 200, """{"processQueryKey":"fake-query-key"}""");
                break;
            default:
                await Answer(context, 404, """{"errcode":404,"errmsg":"not found"}""");
                break;
        }
    }

    private static async Task LoseAnswerAsync(HttpContext context, string? unreadableBody)
    {
        if (unreadableBody is null)
        {
            context.Abort();
            return;
        }

        await Answer(context, 200, unreadableBody);
    }

    private static async Task Answer(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
