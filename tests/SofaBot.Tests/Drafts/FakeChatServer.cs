using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SofaBot.Tests.Drafts;

/// <summary>What the fake chat model does with the next requests.</summary>
public enum ChatBehaviour
{
    /// <summary>HTTP 200 with <see cref="FakeChatServer.Content"/> as the assistant's message.</summary>
    Answer,

    /// <summary>Answers nothing for <see cref="FakeChatServer.HangFor"/>, longer than the bot's timeout.</summary>
    Hang,

    /// <summary>HTTP 500 with an OpenAI-style error body.</summary>
    ServerError,
}

/// <summary>One chat request the fake received: the model asked for, each message's role and text, and the
/// Authorization header.</summary>
public sealed record ChatRequest(string Model, IReadOnlyList<(string Role, string Content)> Messages, string? Authorization)
{
    public string AllText => string.Join("\n", Messages.Select(m => m.Content));
}

/// <summary>An OpenAI-compatible <c>POST /v1/chat/completions</c> on 127.0.0.1 (Kestrel, a port of its own), with a
/// scripted reply, usage figures, every request recorded, and a gate to hold answers until a test lets them go.</summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    public const int PromptTokens = 321;
    public const int CompletionTokens = 54;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ChatRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private volatile TaskCompletionSource _gate = Open();

    private FakeChatServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The base URL to configure as <c>Assistant:Endpoint</c> (<c>http://127.0.0.1:port/v1</c>).</summary>
    public string Endpoint { get; private set; } = "";

    public ChatBehaviour Behaviour { get; set; } = ChatBehaviour.Answer;

    /// <summary>The assistant message's text when answering.</summary>
    public string Content { get; set; } = "";

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<ChatRequest> Requests => [.. _requests];

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var server = new FakeChatServer(builder.Build());
        await server._app.StartAsync();
        var bound = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = bound.TrimEnd('/') + "/v1";
        return server;
    }

    /// <summary>Requests are recorded but not answered until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method != HttpMethods.Post || context.Request.Path != "/v1/chat/completions")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var model = body.RootElement.GetProperty("model").GetString()!;
        _requests.Enqueue(new ChatRequest(model, [.. body.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").ValueKind == JsonValueKind.String ? m.GetProperty("content").GetString()! : m.GetProperty("content").ToString()))],
            context.Request.Headers.Authorization.ToString()));

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await _gate.Task.WaitAsync(aborted.Token);
            switch (Behaviour)
            {
                case ChatBehaviour.Hang:
                    await Task.Delay(HangFor, aborted.Token);
                    return;
                case ChatBehaviour.ServerError:
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    await context.Response.WriteAsJsonAsync(new { error = new { message = "the fake model is down", type = "server_error" } }, aborted.Token);
                    return;
            }

            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-fake",
                @object = "chat.completion",
                created = 1_764_000_000,
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
            }, aborted.Token);
        }
        catch (OperationCanceledException)
        {
            // the client gave up (its timeout), or the test ended
        }
    }
}
