using System.Net;
using SofaBot.Telemetry;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;

namespace SofaBot.Channels.Telegram;

/// <summary>Telegram.Bot's client with what SofaBot adds to every call: a deadline (30 s; a long poll its own wait
/// more), the 429 count for the metrics, and failures that name the method and the code ("Telegram sendMessage failed:
/// 403 Forbidden: …"). Failures stay Telegram.Bot's exception types, read by <see cref="TelegramFailure"/>.</summary>
/// <remarks><c>RetryThreshold = 0</c>: the library would otherwise wait out a 429 by itself, and SofaBot's own retry
/// (<see cref="Messaging.SendPolicy"/>) must see every 429 with its <c>retry_after</c>. The token is in every URL; no
/// message here contains a URL, and the HttpClient given must log nothing.</remarks>
/// <param name="baseUrl">The Bot API server's scheme, host and port (a path would be dropped).</param>
internal sealed class TimedTelegramBotClient(string token, string baseUrl, HttpClient http, BotMetrics metrics)
    : TelegramBotClient(new TelegramBotClientOptions(token, baseUrl) { RetryThreshold = 0 }, http)
{
    /// <summary>How long a call may take, a long poll its own wait more; after that it counts as failed, and a send
    /// as one that may have arrived.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public override async Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        var limit = CallTimeout + TimeSpan.FromSeconds(LongPollSeconds(request));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await base.SendRequest(request, deadline.Token);
        }
        catch (ApiRequestException e)
        {
            if (e.ErrorCode == (int)HttpStatusCode.TooManyRequests)
            {
                metrics.RateLimited(TelegramMessageReader.Channel);
            }

            throw new ApiRequestException(Failed(request, $"{e.ErrorCode} {e.Message}"), e.ErrorCode, e.Parameters, e);
        }
        catch (Exception e) when (e is OperationCanceledException || e.InnerException is OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // the request may have reached Telegram: TelegramFailure reads the TimeoutException as "may have been delivered"
            throw new RequestException(Failed(request, $"no answer within {limit.TotalSeconds:0.#} s"), new TimeoutException());
        }
        catch (RequestException e)
        {
            var message = Failed(request, Reason(e));
            throw e.HttpStatusCode is { } status ? new RequestException(message, status, e.InnerException) : new RequestException(message, e.InnerException!);
        }
    }

    private static int LongPollSeconds(IRequest request) => request switch
    {
        TelegramRawUpdatesRequest poll => poll.Timeout,
        GetUpdatesRequest poll => poll.Timeout ?? 0,
        _ => 0,
    };

    private static string Failed(IRequest request, string reason) => $"Telegram {request.MethodName} failed: {reason}";

    /// <summary>The socket error and the host, or what was wrong with the answer; never the URL, which holds the token.</summary>
    private static string Reason(RequestException e) => e.InnerException switch
    {
        HttpRequestException http => http.HttpRequestError + (http.InnerException is { Message: var inner } ? $" ({inner})" : ""),
        IOException io => "answer cut off: " + io.Message,
        _ => (e.HttpStatusCode is { } status && (int)status is < 200 or >= 300 ? $"{(int)status} " : "") + "unreadable answer",
    };
}
