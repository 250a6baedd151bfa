using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SofaBot.Mcp;
using SofaBot.Channels.DingTalk;
using SofaBot.Channels.LocalChat;
using SofaBot.Channels.Telegram;
using SofaBot.Json;
using SofaBot.Review.Web;
using SofaBot.Telemetry;

namespace SofaBot.Hosting;

/// <summary>The bot's host (<c>serve</c>): the corpus index, the state store, every configured channel, and HTTP for
/// health (<c>/healthz</c>), the local chat (<c>/</c>), the webhooks, and the maintainers' review page
/// (<c>/review</c>) and API (<c>/api/review</c>), and the MCP server for their assistants (<c>/mcp</c>). Tests build
/// the same host with their own configuration.</summary>
internal static class BotHost
{
    /// <param name="args">Host arguments (<c>--urls</c>).</param>
    /// <param name="corpusOverride"><c>--corpus</c>, relative to the current directory.</param>
    /// <param name="configure">Tests: extra configuration and services, applied last.</param>
    public static WebApplication Build(string[] args, string? corpusOverride = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = ContentRoot.Find(), Args = args });
        CalibrationFile.AddTo(builder.Configuration, builder.Environment.ContentRootPath);
        if (corpusOverride is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Corpus:Path", Path.GetFullPath(corpusOverride))]);
        }

        builder.Services.AddSofaBotCore();
        builder.Services.AddSofaBotAdapters();
        builder.Services.AddSofaBotChat();
        builder.Services.AddSofaBotReview();
        builder.Services.AddSofaBotDrafts();
        builder.Services.AddSofaBotRetention();
        builder.Services.AddTrustedProxies();
        // what the endpoints answer in JSON (the local chat's messages, its errors) is plain UTF-8 like all our JSON
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = PlainJsonEncoder.Instance);
        configure?.Invoke(builder);
        // after the tests' configuration: whether /metrics and /mcp exist is read from the configuration as it ends up
        var metrics = builder.Services.AddSofaBotMetrics(builder.Configuration);
        var mcpServed = builder.Services.AddSofaBotMcp(builder.Configuration);

        var app = builder.Build();
        // bad configuration stops here, every bad key named at once, before anything listens
        app.Services.GetService<IStartupValidator>()?.Validate();

        // first: whatever follows sees the client's address and scheme as a trusted proxy forwarded them
        app.UseForwardedHeaders();
        ReviewSecurityHeaders.Use(app);
        app.UseRateLimiter();
        app.MapHealthChecks("/healthz");
        Favicon.Map(app);
        LocalChatEndpoints.Map(app, app.Services.GetRequiredService<IOptions<LocalChatOptions>>().Value);
        TelegramWebhook.Map(app, app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value);
        DingTalkCallback.Map(app, app.Services.GetRequiredService<IOptions<DingTalkOptions>>().Value);
        ReviewEndpoints.Map(app);
        ReviewApi.Map(app);
        DigestApi.Map(app);
        MetricsEndpoint.Map(app, metrics);
        McpEndpoint.Map(app, mcpServed);
        ReviewEndpoints.AnnounceSignIn(app.Services);
        return app;
    }
}
