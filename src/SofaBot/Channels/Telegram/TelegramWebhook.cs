using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SofaBot.Channels.Telegram;

/// <summary>Webhook mode: registers the webhook with its secret at start, and serves the endpoint Telegram posts
/// updates to. A request without the right <c>X-Telegram-Bot-Api-Secret-Token</c> gets 401; an accepted update gets
/// 200 as soon as it is in the inbox, and is answered afterwards.</summary>
internal sealed partial class TelegramWebhook(ITelegramBotClient client, TelegramBot bot, Messaging.Clock clock, IOptions<TelegramOptions> options, ILogger<TelegramWebhook> logger) : BackgroundService
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>How long a webhook request waits for the bot's identity at start before asking Telegram to come back.</summary>
    private static readonly TimeSpan IdentityWait = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder endpoints, TelegramOptions settings)
    {
        if (settings.IsEnabled && settings.IsWebhook)
        {
            endpoints.MapPost(settings.WebhookPath, ReceiveAsync);
        }
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, TelegramBot bot, TelegramIntake intake, IOptions<TelegramOptions> options, ILogger<TelegramWebhook> logger)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret!))
        {
            LogBadSecret(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            return Results.Unauthorized();
        }

        JsonElement update;
        try
        {
            // read as JSON here and decoded by the intake, as polled updates are: an update the library cannot decode
            // is skipped with a 200, so Telegram does not send it again and again
            update = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
        }
        catch (JsonException e)
        {
            LogMalformed(logger, e.Message);
            return Results.BadRequest();
        }

        try
        {
            var me = await bot.Identity.WaitAsync(IdentityWait, context.RequestAborted);
            await intake.AcceptAsync(update, me, context.RequestAborted);
            return Results.Ok();
        }
        catch (TimeoutException)
        {
            // not connected to the Bot API yet: Telegram repeats the update later
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static bool SecretMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled || !settings.IsWebhook)
        {
            return;
        }

        try
        {
            if (await bot.ConnectAsync(stoppingToken) is null || string.IsNullOrEmpty(settings.WebhookUrl))
            {
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await client.SetWebhook(settings.WebhookUrl, allowedUpdates: TelegramIntake.Kinds, secretToken: settings.WebhookSecret, cancellationToken: stoppingToken);
                    LogRegistered(settings.WebhookUrl);
                    return;
                }
                catch (RequestException e) when (TelegramFailure.IsTransient(e))
                {
                    var wait = TelegramBot.Backoff(attempt);
                    LogRegisterFailed(e.Message, wait.TotalSeconds);
                    await clock.WaitAsync(wait, stoppingToken);
                }
                catch (RequestException e)
                {
                    LogRegisterRefused(e.Message);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(3140, LogLevel.Warning, "Telegram webhook: request from {Remote} without the right secret token; refused with 401")]
    private static partial void LogBadSecret(ILogger logger, string remote);

    [LoggerMessage(3141, LogLevel.Warning, "Telegram webhook: the body is not JSON ({Reason}); refused with 400")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(3142, LogLevel.Information, "Telegram webhook registered at {Url}")]
    private partial void LogRegistered(string url);

    [LoggerMessage(3143, LogLevel.Warning, "Telegram setWebhook failed: {Reason}; retrying in {Seconds:0} s")]
    private partial void LogRegisterFailed(string reason, double seconds);

    [LoggerMessage(3144, LogLevel.Error, "Telegram refused the webhook: {Reason}. Check Channels:Telegram:WebhookUrl")]
    private partial void LogRegisterRefused(string reason);
}
