using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;

namespace SofaBot.Channels.DingTalk;

/// <summary>The endpoint DingTalk posts robot messages to (HTTP callback mode). A request without a valid, recent
/// signature gets 401; a message is put in the inbox and acknowledged at once with 200, and answered afterwards,
/// because DingTalk redelivers callbacks that are slow to answer and a duplicate reply is the most common complaint
/// about DingTalk bots. A redelivery is acknowledged too; the inbox has it already and does not answer it twice.</summary>
internal sealed partial class DingTalkCallback(Inbox inbox, Clock clock, IOptions<DingTalkOptions> options, ILogger<DingTalkCallback> logger)
{
    /// <summary>Maps the endpoint when the channel is on; when it is off the path is simply not served (404).</summary>
    public static void Map(IEndpointRouteBuilder endpoints, DingTalkOptions settings)
    {
        if (settings.IsEnabled)
        {
            endpoints.MapPost(settings.CallbackPath, (HttpContext context, DingTalkCallback callback) => callback.ReceiveAsync(context));
        }
    }

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var settings = options.Value;
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        var check = DingTalkSignature.Verify(
            context.Request.Headers[DingTalkSignature.TimestampHeader].ToString(),
            context.Request.Headers[DingTalkSignature.SignHeader].ToString(),
            settings.AppSecret!,
            clock.UtcNow,
            settings.SignatureWindow);
        if (check != SignatureCheck.Valid)
        {
            LogRefused(remote, DingTalkSignature.Describe(check));
            return Results.Unauthorized();
        }

        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            LogMalformed(remote, e.Message);
            return Results.BadRequest();
        }

        IncomingMessage? message;
        CallbackRead outcome;
        string reason;
        try
        {
            (message, outcome, reason) = DingTalkMessageReader.Read(body, clock.UtcNow);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException)
        {
            // bytes that are not text (invalid UTF-8 inside a string): a 400 ends it, a 500 would be delivered for ever
            LogMalformed(remote, e.Message);
            return Results.BadRequest();
        }

        if (outcome == CallbackRead.Malformed)
        {
            LogMalformed(remote, reason);
            return Results.BadRequest();
        }

        if (message is null)
        {
            LogIgnored(reason);
            return Acknowledged();
        }

        try
        {
            await inbox.AcceptAsync(message, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // not acknowledged: DingTalk delivers it again, and by then the store may work
            LogNotAccepted(e, message.Key);
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        return Acknowledged();
    }

    /// <summary>An empty JSON object: DingTalk would send a message given in the response, and the answer goes out
    /// later through the session webhook instead.</summary>
    private static IResult Acknowledged() => Results.Json(new { });

    [LoggerMessage(3201, LogLevel.Warning, "DingTalk callback from {Remote} refused with 401: {Reason}")]
    private partial void LogRefused(string remote, string reason);

    [LoggerMessage(3202, LogLevel.Warning, "DingTalk callback from {Remote} refused with 400: {Reason}")]
    private partial void LogMalformed(string remote, string reason);

    [LoggerMessage(3203, LogLevel.Debug, "DingTalk callback acknowledged and not answered: {Reason}")]
    private partial void LogIgnored(string reason);

    [LoggerMessage(3204, LogLevel.Error, "DingTalk message {Key} could not be recorded; answered 500 so DingTalk delivers it again")]
    private partial void LogNotAccepted(Exception e, Storage.MessageKey key);
}
