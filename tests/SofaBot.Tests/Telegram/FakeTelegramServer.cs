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

/// <summary>A message the bot sent: <see cref="MessageId"/> is the id the fake gave it, <see cref="Buttons"/> its
/// inline keyboard (empty without one).</summary>
public sealed record SentMessage(long ChatId, string Text, string? ParseMode, long? ReplyTo, long? ThreadId)
{
    public long MessageId { get; init; }

    public IReadOnlyList<IReadOnlyList<Button>> Buttons { get; init; } = [];

    /// <summary>Every button's callback data, row by row.</summary>
    public IEnumerable<string?> CallbackData => Buttons.SelectMany(row => row).Select(b => b.CallbackData);
}

/// <summary>An inline keyboard button.</summary>
public sealed record Button(string Text, string? CallbackData);

/// <summary>An <c>editMessageText</c> the fake accepted.</summary>
public sealed record EditedMessage(long ChatId, long MessageId, string Text, string? ParseMode, IReadOnlyList<IReadOnlyList<Button>> Buttons);

/// <summary>An <c>answerCallbackQuery</c>.</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert);

/// <summary>A command in the chat's menu, as <c>setMyCommands</c> set it.</summary>
public sealed record MenuCommand(string Command, string Description);

/// <summary>A Bot API server on 127.0.0.1 (Kestrel): getMe, getUpdates with real offset semantics (an update is
/// confirmed when a later offset is asked for), sendMessage, editMessageText, answerCallbackQuery, setWebhook,
/// deleteWebhook, setMyCommands. It answers as Telegram does (dates in seconds, <c>true</c> where Telegram answers
/// true, whole Message objects for sends and edits), so Telegram.Bot reads its answers as it reads Telegram's, and it
/// refuses what Telegram refuses in those (a text over 4096 visible characters, callback data over 64 bytes, a parse
/// mode Telegram does not know, a callback answered twice, an edit that changes nothing, a send to a group that
/// became a supergroup). Failures can be scripted per method; every call is recorded.</summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    public const string Token = "123456:TEST-secret_token-value";
    public const long BotId = 123456;
    public const string BotUsername = "SofaTestBot";

    private readonly WebApplication _app;
    private readonly List<JsonObject> _pending = [];
    private readonly ConcurrentQueue<SentMessage> _sent = new();
    private readonly ConcurrentQueue<EditedMessage> _edits = new();
    private readonly ConcurrentQueue<CallbackAnswer> _answers = new();
    private readonly ConcurrentDictionary<(long Chat, long Message), (string Text, string Markup)> _shown = new();
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

    /// <summary>getUpdates requests that came while another was open: Telegram answers them 409 Conflict ("terminated
    /// by other getUpdates request"), and so does this server.</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    private int _conflicts;
    private int _openPolls;

    public IReadOnlyList<SentMessage> Sent => [.. _sent];

    public IReadOnlyList<EditedMessage> Edits => [.. _edits];

    public IReadOnlyList<CallbackAnswer> CallbackAnswers => [.. _answers];

    /// <summary>The <c>allowed_updates</c> of the last getUpdates or setWebhook that named them.</summary>
    public IReadOnlyList<string>? AllowedUpdates { get; private set; }

    /// <summary>Messages sent to one chat, in order.</summary>
    public IReadOnlyList<SentMessage> SentTo(long chat) => [.. _sent.Where(m => m.ChatId == chat)];

    /// <summary>Tokens seen in request URLs that were not <see cref="Token"/>.</summary>
    public ConcurrentQueue<string> WrongTokens { get; } = new();

    public string? WebhookUrl { get; private set; }

    private readonly ConcurrentDictionary<string, IReadOnlyList<MenuCommand>> _menus = new();

    /// <summary>The command menus <c>setMyCommands</c> set, by language code ("" for every language without its own).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MenuCommand>> Menus => _menus;

    private readonly ConcurrentDictionary<long, long> _migrated = new();

    /// <summary>The group became supergroup <paramref name="to"/>: sends to <paramref name="from"/> are refused with
    /// <c>migrate_to_chat_id</c>, as Telegram refuses them.</summary>
    public void Migrate(long from, long to) => _migrated[from] = to;

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

    /// <summary>Queues updates so that the next getUpdates returns them together, in one batch.</summary>
    public void PushBatch(params JsonObject[] updates)
    {
        lock (_pending)
        {
            _pending.AddRange(updates);
        }

        _arrived.Release();
    }

    private readonly ConcurrentDictionary<string, int> _unreadable = new();

    /// <summary>The next call of the method is answered with <paramref name="status"/> and an HTML page instead of the
    /// Bot API's JSON, as a proxy in front of it might answer; the call is not carried out.</summary>
    public void FailUnreadable(string method, int status) => _unreadable[method] = status;

    /// <summary>The next calls of the method fail with this status (and retry_after for 429), one per call.</summary>
    public void Fail(string method, int status, string description, int? retryAfter = null, int times = 1)
    {
        var queue = _failures.GetOrAdd(method, _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, description, retryAfter));
        }
    }

    private int _lostAnswers;

    /// <summary>The next <paramref name="times"/> sendMessage calls are carried out (the message is in the chat) but the
    /// connection is cut before the answer: the bot cannot know whether it arrived.</summary>
    public void LoseAnswers(int times) => Interlocked.Exchange(ref _lostAnswers, times);

    /// <summary>Waits (up to 20 s, a safety net, not a timing assert) until the bot has sent <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<SentMessage>> WaitForSentAsync(int count)
    {
        await Eventually.UntilAsync(() => _sent.Count >= count, $"{count} messages sent");

        return Sent;
    }

    /// <summary>Waits until <paramref name="count"/> messages were sent to the chat; returns them.</summary>
    public async Task<IReadOnlyList<SentMessage>> WaitForSentToAsync(long chat, int count)
    {
        await Eventually.UntilAsync(() => SentTo(chat).Count >= count, $"{count} messages sent to chat {chat}");
        return SentTo(chat);
    }

    /// <summary>Waits until the press was answered; returns the answer.</summary>
    public async Task<CallbackAnswer> WaitForAnswerAsync(string callbackQueryId)
    {
        await Eventually.UntilAsync(() => _answers.Any(a => a.CallbackQueryId == callbackQueryId), $"an answer to callback query {callbackQueryId}");
        return _answers.First(a => a.CallbackQueryId == callbackQueryId);
    }

    /// <summary>Waits until <paramref name="count"/> edits were made to the message; returns the last.</summary>
    public async Task<EditedMessage> WaitForEditAsync(long chat, long messageId, int count = 1)
    {
        await Eventually.UntilAsync(() => _edits.Count(e => e.ChatId == chat && e.MessageId == messageId) >= count, $"{count} edits of message {messageId} in chat {chat}");
        return _edits.Last(e => e.ChatId == chat && e.MessageId == messageId);
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

        // a method without parameters (getMe) comes without a body, as Telegram allows
        using var reader = new StreamReader(context.Request.Body);
        var json = await reader.ReadToEndAsync();
        var body = json.Length == 0 ? [] : JsonNode.Parse(json) as JsonObject ?? [];
        if (_unreadable.TryRemove(method, out var unreadable))
        {
            return Results.Content("<html><body>upstream unavailable</body></html>", "text/html", statusCode: unreadable);
        }
        if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var failure))
        {
            return Error(failure.Status, failure.Description, failure.RetryAfter);
        }

        switch (method)
        {
            case "getMe":
                return Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "SofaBot", ["username"] = BotUsername, ["can_read_all_group_messages"] = !PrivacyModeOn });
            case "getUpdates":
                AllowedUpdates = Strings(body["allowed_updates"]) ?? AllowedUpdates;
                if (Interlocked.Increment(ref _openPolls) > 1)
                {
                    Interlocked.Decrement(ref _openPolls);
                    Interlocked.Increment(ref _conflicts);
                    return Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }

                try
                {
                    return Ok(await UpdatesAsync(body["offset"]?.GetValue<long?>(), body["timeout"]?.GetValue<int>() ?? 0, context.RequestAborted));
                }
                finally
                {
                    Interlocked.Decrement(ref _openPolls);
                }
            case "sendMessage":
                var chat = body["chat_id"]!.GetValue<long>();
                _attempts.Add(chat);
                if (_migrated.TryGetValue(chat, out var supergroup))
                {
                    return Error(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: supergroup);
                }

                if (_held.TryGetValue(chat, out var held))
                {
                    await held.Task;
                }

                var text = body["text"]!.GetValue<string>();
                if (Refusal(text, body["parse_mode"], body["reply_markup"]) is { } refused)
                {
                    return refused;
                }

                var sent = new SentMessage(chat, text, body["parse_mode"]?.GetValue<string>(),
                    body["reply_parameters"]?["message_id"]?.GetValue<long>(), body["message_thread_id"]?.GetValue<long>())
                {
                    MessageId = Interlocked.Increment(ref _nextMessageId),
                    Buttons = Keyboard(body["reply_markup"]),
                };
                _shown[(chat, sent.MessageId)] = (text, body["reply_markup"]?.ToJsonString() ?? "");
                _sent.Enqueue(sent);
                if (Interlocked.Decrement(ref _lostAnswers) >= 0)
                {
                    context.Abort();
                    return Results.Empty;
                }

                Interlocked.Exchange(ref _lostAnswers, 0);
                return Ok(new JsonObject
                {
                    ["message_id"] = sent.MessageId,
                    ["date"] = 1763715600,
                    ["chat"] = new JsonObject { ["id"] = chat, ["type"] = chat < 0 ? "supergroup" : "private" },
                    ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "SofaBot", ["username"] = BotUsername },
                    ["text"] = sent.Text,
                });
            case "editMessageText":
                return EditMessageText(body);
            case "answerCallbackQuery":
                var answer = new CallbackAnswer(body["callback_query_id"]!.GetValue<string>(), body["text"]?.GetValue<string>(), body["show_alert"]?.GetValue<bool>() ?? false);
                if (answer.Text?.Length > 200)
                {
                    return Error(400, "Bad Request: MESSAGE_TOO_LONG");
                }

                if (_answers.Any(a => a.CallbackQueryId == answer.CallbackQueryId))
                {
                    return Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
                }

                _answers.Enqueue(answer);
                return Ok(JsonValue.Create(true));
            case "setWebhook":
                AllowedUpdates = Strings(body["allowed_updates"]) ?? AllowedUpdates;
                WebhookUrl = body["url"]?.GetValue<string>();
                WebhookSecret = body["secret_token"]?.GetValue<string>();
                return Ok(JsonValue.Create(true));
            case "deleteWebhook":
                WebhookUrl = null;
                return Ok(JsonValue.Create(true));
            case "setMyCommands":
                return SetMyCommands(body);
            default:
                return Error(404, "Not Found: method not found");
        }
    }

    private IResult EditMessageText(JsonObject body)
    {
        var chat = body["chat_id"]!.GetValue<long>();
        var id = body["message_id"]!.GetValue<long>();
        var text = body["text"]!.GetValue<string>();
        var markup = body["reply_markup"]?.ToJsonString() ?? "";
        if (!_shown.TryGetValue((chat, id), out var shown))
        {
            return Error(400, "Bad Request: message to edit not found");
        }

        if (shown == (text, markup))
        {
            return Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        }

        if (Refusal(text, body["parse_mode"], body["reply_markup"]) is { } refused)
        {
            return refused;
        }

        // like Telegram, an edit that names no keyboard removes the message's buttons
        _shown[(chat, id)] = (text, markup);
        _edits.Enqueue(new EditedMessage(chat, id, text, body["parse_mode"]?.GetValue<string>(), Keyboard(body["reply_markup"])));
        return Ok(new JsonObject
        {
            ["message_id"] = id,
            ["date"] = 1763715600,
            ["edit_date"] = 1763715700,
            ["chat"] = new JsonObject { ["id"] = chat, ["type"] = chat < 0 ? "supergroup" : "private" },
            ["text"] = text,
        });
    }

    /// <summary>Telegram's command rules: at most 100 commands of 1–32 lowercase letters, digits and underscores,
    /// each described in 1–256 characters; a two-letter language code or none.</summary>
    private IResult SetMyCommands(JsonObject body)
    {
        var language = body["language_code"]?.GetValue<string>() ?? "";
        if (language is not ("" or { Length: 2 }))
        {
            return Error(400, "Bad Request: invalid language code specified");
        }

        if (body["commands"] is not JsonArray { Count: <= 100 } commands)
        {
            return Error(400, "Bad Request: BOT_COMMANDS_TOO_MUCH");
        }

        var menu = commands.Select(c => new MenuCommand(c!["command"]!.GetValue<string>(), c["description"]!.GetValue<string>())).ToList();
        if (menu.Any(c => c.Command is not { Length: >= 1 and <= 32 } || !c.Command.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            || c.Description is not { Length: >= 1 and <= 256 }))
        {
            return Error(400, "Bad Request: BOT_COMMAND_INVALID");
        }

        _menus[language] = menu;
        return Ok(JsonValue.Create(true));
    }

    /// <summary>What Telegram refuses in a message: a text over 4096 characters once the markup is parsed, a parse
    /// mode it does not know (it reads the name in any case: "HTML", "Html"), or a button whose callback data is empty
    /// or over 64 bytes.</summary>
    private static IResult? Refusal(string text, JsonNode? parseMode, JsonNode? markup)
    {
        if (parseMode?.GetValue<string>() is { } mode && !ParseModes.Contains(mode, StringComparer.OrdinalIgnoreCase))
        {
            return Error(400, $"Bad Request: unsupported parse_mode \"{mode}\"");
        }

        if (SofaBot.Channels.Telegram.TelegramHtml.VisibleLength(text) > 4096)
        {
            return Error(400, "Bad Request: message is too long");
        }

        return Keyboard(markup).SelectMany(row => row).Any(b => b.CallbackData is not { Length: > 0 } data || System.Text.Encoding.UTF8.GetByteCount(data) > 64)
            ? Error(400, "Bad Request: BUTTON_DATA_INVALID")
            : null;
    }

    private static IReadOnlyList<IReadOnlyList<Button>> Keyboard(JsonNode? markup) =>
        markup?["inline_keyboard"] is JsonArray rows
            ? [.. rows.Select(row => (IReadOnlyList<Button>)[.. row!.AsArray().Select(b => new Button(b!["text"]!.GetValue<string>(), b["callback_data"]?.GetValue<string>()))])]
            : [];

    private static string[]? Strings(JsonNode? array) => array is JsonArray items ? [.. items.Select(i => i!.GetValue<string>())] : null;

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

    private static readonly string[] ParseModes = ["HTML", "Markdown", "MarkdownV2"];

    private static IResult Error(int status, string description, int? retryAfter = null, long? migrateTo = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        if (migrateTo is { } chat)
        {
            body["parameters"] = new JsonObject { ["migrate_to_chat_id"] = chat };
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
