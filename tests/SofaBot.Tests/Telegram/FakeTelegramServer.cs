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

namespace SofaBot.Tests.Telegram;

/// <summary>A message the bot sent.</summary>
public sealed record SentMessage(long ChatId, string Text, string? ParseMode, long? ReplyTo, long? ThreadId);

/// <summary>A Bot API server on 127.0.0.1 (Kestrel): getMe, getUpdates with real offset semantics (an update is
/// confirmed when a later offset is asked for), sendMessage, setWebhook, deleteWebhook. Failures can be scripted per
/// method; every call is recorded.</summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    public const string Token = "123456:TEST-secret_token-value";
    public const long BotId = 123456;
    public const string BotUsername = "SofaTestBot";

    private readonly WebApplication _app;
    private readonly List<JsonObject> _pending = [];
    private readonly ConcurrentQueue<SentMessage> _sent = new();
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Description, int? RetryAfter)>> _failures = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private long _nextMessageId = 1000;

    private FakeTelegramServer(WebApplication app)
    {
        _app = app;
        _app.MapPost("/bot{token}/{method}", HandleAsync);
    }

    public string Url { get; private set; } = "";

    /// <summary>Every method called, in order (getUpdates included).</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public IReadOnlyList<SentMessage> Sent => [.. _sent];

    /// <summary>Tokens seen in request URLs that were not <see cref="Token"/>.</summary>
    public ConcurrentQueue<string> WrongTokens { get; } = new();

    public string? WebhookUrl { get; private set; }

    public string? WebhookSecret { get; private set; }

    /// <summary>Telegram forgets confirmations: every update is delivered again (as after a lost offset).</summary>
    public bool ForgetConfirmations { get; set; }

    public bool PrivacyModeOn { get; set; }

    private readonly ConcurrentDictionary<long, TaskCompletionSource> _held = new();

    /// <summary>sendMessage to this chat does not answer until <see cref="Release"/>: a chat whose sends hang.</summary>
    public void Hold(long chat) => _held[chat] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(long chat)
    {
        if (_held.TryRemove(chat, out var held))
        {
            held.TrySetResult();
        }
    }

    /// <summary>Waits until a sendMessage to the chat has arrived (and may be held).</summary>
    public async Task WaitForSendAttemptAsync(long chat)
    {
        await Eventually.UntilAsync(() => _attempts.Contains(chat), $"a sendMessage to chat {chat}");
    }

    private readonly ConcurrentBag<long> _attempts = [];

    public static async Task<FakeTelegramServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FakeTelegramServer(builder.Build());
        await server._app.StartAsync();
        server.Url = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Queues an update for getUpdates; returns its update_id.</summary>
    public long Push(JsonObject update)
    {
        lock (_pending)
        {
            var id = update["update_id"]!.GetValue<long>();
            _pending.Add(update);
        }

        _arrived.Release();
        return update["update_id"]!.GetValue<long>();
    }

    /// <summary>The next calls of the method fail with this status (and retry_after for 429), one per call.</summary>
    public void Fail(string method, int status, string description, int? retryAfter = null, int times = 1)
    {
        var queue = _failures.GetOrAdd(method, _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, description, retryAfter));
        }
    }

    /// <summary>Waits (up to 20 s, a safety net, not a timing assert) until the bot has sent <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<SentMessage>> WaitForSentAsync(int count)
    {
        await Eventually.UntilAsync(() => _sent.Count >= count, $"{count} messages sent");

        return Sent;
    }

    /// <summary>Waits until getUpdates has been called with an offset beyond <paramref name="updateId"/>, i.e. the bot
    /// confirmed it, then a little more for any reply to it.</summary>
    public async Task WaitConfirmedAsync(long updateId)
    {
        await Eventually.UntilAsync(() => Volatile.Read(ref _highestOffset) > updateId, $"update {updateId} confirmed");
    }

    private long _highestOffset;

    private async Task<IResult> HandleAsync(string token, string method, HttpContext context)
    {
        _calls.Enqueue(method);
        if (token != "bot" + Token && token != Token)
        {
            WrongTokens.Enqueue(token);
            return Error(404, "Not Found");
        }

        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var failure))
        {
            return Error(failure.Status, failure.Description, failure.RetryAfter);
        }

        switch (method)
        {
            case "getMe":
                return Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "SofaBot", ["username"] = BotUsername, ["can_read_all_group_messages"] = !PrivacyModeOn });
            case "getUpdates":
                return Ok(await UpdatesAsync(body["offset"]?.GetValue<long?>(), body["timeout"]?.GetValue<int>() ?? 0, context.RequestAborted));
            case "sendMessage":
                var chat = body["chat_id"]!.GetValue<long>();
                _attempts.Add(chat);
                if (_held.TryGetValue(chat, out var held))
                {
                    await held.Task;
                }

                var sent = new SentMessage(chat, body["text"]!.GetValue<string>(), body["parse_mode"]?.GetValue<string>(),
                    body["reply_parameters"]?["message_id"]?.GetValue<long>(), body["message_thread_id"]?.GetValue<long>());
                _sent.Enqueue(sent);
                return Ok(new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref _nextMessageId),
                    ["date"] = 1763715600,
                    ["chat"] = new JsonObject { ["id"] = chat, ["type"] = chat < 0 ? "supergroup" : "private" },
                    ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "SofaBot", ["username"] = BotUsername },
                    ["text"] = sent.Text,
                });
            case "setWebhook":
                WebhookUrl = body["url"]?.GetValue<string>();
                WebhookSecret = body["secret_token"]?.GetValue<string>();
                return Ok(JsonValue.Create(true));
            case "deleteWebhook":
                WebhookUrl = null;
                return Ok(JsonValue.Create(true));
            default:
                return Error(404, "Not Found: method not found");
        }
    }

    private async Task<JsonNode> UpdatesAsync(long? offset, int timeoutSeconds, CancellationToken aborted)
    {
        if (offset is { } confirmed)
        {
            InterlockedMax(ref _highestOffset, confirmed);
        }

        // hold the request a short real while, like long polling, but never the bot's full timeout
        var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(Math.Min(timeoutSeconds * 1000, 300));
        while (true)
        {
            lock (_pending)
            {
                if (offset is { } from && !ForgetConfirmations)
                {
                    _pending.RemoveAll(u => u["update_id"]!.GetValue<long>() < from);
                }

                var ready = _pending.Where(u => offset is null || ForgetConfirmations || u["update_id"]!.GetValue<long>() >= offset).ToList();
                if (ready.Count > 0 || DateTime.UtcNow >= deadline)
                {
                    return new JsonArray([.. ready.Select(u => u.DeepClone())]);
                }
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(50), aborted);
            }
            catch (OperationCanceledException)
            {
                return new JsonArray();
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static IResult Ok(JsonNode result) => Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });

    private static IResult Error(int status, string description, int? retryAfter = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        return Results.Json(body, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
