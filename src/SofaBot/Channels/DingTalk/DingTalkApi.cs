using System.Net.Http.Json;
using SofaBot.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Telemetry;

namespace SofaBot.Channels.DingTalk;

/// <summary>A reply as DingTalk markdown: the title shows in notifications and the chat list, the text in the chat.</summary>
internal sealed record DingTalkMarkdown(string Title, string Text);

/// <summary>The DingTalk calls SofaBot makes, over HttpClient: a markdown message to a session webhook, an access token,
/// and a markdown message through the group-send API. Errors become <see cref="DingTalkApiException"/>.</summary>
/// <remarks>The named client logs nothing (a session webhook URL is a credential, the access token is a header) and
/// follows no redirects: a request goes exactly where it was checked to go.</remarks>
internal sealed class DingTalkApi(IHttpClientFactory clients, IOptions<DingTalkOptions> options, BotMetrics metrics)
{
    public const string ClientName = "dingtalk";

    public const string TokenHeader = "x-acs-dingtalk-access-token";

    /// <summary>The group-send API refuses a <c>msgParam</c> over this many bytes.</summary>
    public const int MaxMsgParamBytes = 15_000;

    /// <summary>Chinese stays as it is: smaller bodies, and <c>msgParam</c>'s limit counts bytes.</summary>
    internal static readonly JsonSerializerOptions Json = PlainJson.Web();

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Posts a markdown message to a session webhook (already checked to be under <c>BaseUrl</c>), @-mentioning
    /// <paramref name="atUserId"/> when given. Never <c>isAtAll</c>.</summary>
    public async Task SendBySessionAsync(Uri webhook, DingTalkMarkdown message, string? atUserId, CancellationToken cancellationToken)
    {
        var body = new
        {
            msgtype = "markdown",
            markdown = new { title = message.Title, text = message.Text },
            at = new { atUserIds = atUserId is null ? Array.Empty<string>() : [atUserId], isAtAll = false },
        };
        var answer = await PostAsync("session webhook", webhook, body, null, cancellationToken);
        var code = answer?["errcode"] is JsonValue value && value.TryGetValue<long>(out var errcode) ? errcode : (long?)null;
        if (code is null)
        {
            // a 200 that says nothing: the post may well be in the group
            throw new DingTalkApiException("session webhook", 0, null, "unreadable answer", mayHaveBeenDelivered: true);
        }

        if (code != 0)
        {
            throw new DingTalkApiException("session webhook", 200, code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(answer, "errmsg"));
        }
    }

    /// <summary>A new access token for the app and how long DingTalk says it lives.</summary>
    public async Task<(string Token, TimeSpan Lifetime)> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var answer = await PostAsync("accessToken", Api("/v1.0/oauth2/accessToken"), new { appKey = settings.EffectiveAppKey, appSecret = settings.AppSecret!.Trim() }, null, cancellationToken);
        var token = Text(answer, "accessToken");
        var lifetime = answer?["expireIn"] is JsonValue value && value.TryGetValue<long>(out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        if (token.Length == 0)
        {
            throw new DingTalkApiException("accessToken", 0, null, "no accessToken in the answer");
        }

        return (token, lifetime);
    }

    /// <summary>Sends a markdown message to a group through the OpenAPI (<c>sampleMarkdown</c>); it cannot @-mention.</summary>
    public async Task SendToGroupAsync(string accessToken, string openConversationId, DingTalkMarkdown message, CancellationToken cancellationToken)
    {
        var body = new
        {
            robotCode = options.Value.RobotCode!.Trim(),
            openConversationId,
            msgKey = "sampleMarkdown",
            msgParam = MsgParam(message),
        };
        await PostAsync("groupMessages/send", Api("/v1.0/robot/groupMessages/send"), body, accessToken, cancellationToken);
    }

    /// <summary><c>{"title","text"}</c> as a JSON string, the text cut until it fits the API's byte limit.</summary>
    internal static string MsgParam(DingTalkMarkdown message)
    {
        var text = message.Text;
        while (true)
        {
            var param = JsonSerializer.Serialize(new { title = message.Title, text }, Json);
            if (System.Text.Encoding.UTF8.GetByteCount(param) <= MaxMsgParamBytes || text.Length <= 1)
            {
                return param;
            }

            text = text[..(text.Length * 9 / 10)].TrimEnd() + "…";
        }
    }

    private Uri Api(string path) => new(options.Value.ApiBaseUrl.TrimEnd('/') + path);

    private async Task<JsonNode?> PostAsync(string operation, Uri url, object body, string? accessToken, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CallTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
        if (accessToken is not null)
        {
            request.Headers.Add(TokenHeader, accessToken);
        }

        try
        {
            using var response = await client.SendAsync(request, deadline.Token);
            var answer = await ReadAsync(response, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                {
                    metrics.RateLimited(DingTalkMessageReader.Channel);
                }

                // the robot webhooks answer errcode/errmsg, the OpenAPI code/message
                var code = answer?["code"] is JsonValue c ? c.ToString() : answer?["errcode"] is JsonValue e ? e.ToString() : null;
                var description = Text(answer, "message") is { Length: > 0 } message ? message : Text(answer, "errmsg") is { Length: > 0 } errmsg ? errmsg : response.ReasonPhrase ?? "";
                throw new DingTalkApiException(operation, (int)response.StatusCode, code, description);
            }

            return answer;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DingTalkApiException(operation, 0, null, $"no answer within {CallTimeout.TotalSeconds:0} s", mayHaveBeenDelivered: true);
        }
        catch (HttpRequestException e)
        {
            // the socket error and the host, never the URL (a session webhook's URL holds its session key)
            throw new DingTalkApiException(operation, 0, null, e.HttpRequestError + (e.InnerException is { Message: var inner } ? $" ({inner})" : ""), DeliveryDoubt.After(e));
        }
        catch (IOException e)
        {
            // the connection dropped while the answer was read: the request was taken
            throw new DingTalkApiException(operation, 0, null, "answer cut off: " + e.Message, mayHaveBeenDelivered: true);
        }
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonNode? node, string name) => node is JsonObject o && o[name] is JsonValue value ? value.ToString() : "";
}
