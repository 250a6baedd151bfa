using System.Globalization;
using System.Net;
using System.Text;
using SofaBot.Tests.DingTalk;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.Telemetry;

/// <summary><c>/metrics</c> of a real <c>serve</c> process after real round trips through the fake Telegram and
/// DingTalk servers on loopback: flood control shows as a 429 and a retry, a redelivery as a duplicate, and the
/// Telegram token (in every Bot API URL) is in no metric and no log line.</summary>
public sealed class ChannelMetricsTests : IDisposable
{
    private readonly TempDirectory _state = new();

    [Fact]
    public async Task A_telegram_answer_after_flood_control_is_counted_and_the_token_is_in_no_metric_or_log_line()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var environment = TelegramEnvironment(telegram);
        // every log line there is, HttpClient's included, so that a token in any of them would show
        environment["Logging__LogLevel__Default"] = "Trace";
        environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace";
        await using var serve = await ServeProcess.StartAsync(_state.Path, environment);
        telegram.Fail("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        telegram.Push(Updates.Text("@" + FakeTelegramServer.BotUsername + " " + TelegramBed.AnswerableQuestion));
        await telegram.WaitForSentAsync(1);

        var metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_messages_total", 1, ("channel", "telegram"), ("outcome", "replied"));
        Assert.Equal(1, metrics.Value("sofabot_decisions_total", ("kind", "answer")));
        Assert.Equal(1, metrics.Value("sofabot_rate_limited_total", ("channel", "telegram")));
        Assert.Equal(1, metrics.Value("sofabot_send_retries_total", ("channel", "telegram")));
        Assert.Equal(1, metrics.Value("sofabot_reply_duration_seconds_count", ("channel", "telegram")));
        await serve.TerminateAsync();

        // the token's secret half (so the whole token too): neither in what Prometheus stores, nor in anything printed
        var secret = FakeTelegramServer.Token.Split(':')[1];
        Assert.Contains("sendMessage", telegram.Calls);
        Assert.DoesNotContain(secret, metrics.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("/bot", metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_stuck_at_the_platform_shows_in_the_pending_inbox_gauge_until_it_goes_out()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var environment = TelegramEnvironment(telegram);
        await using var serve = await ServeProcess.StartAsync(_state.Path, environment);
        telegram.Hold(Updates.Group);

        telegram.Push(Updates.Text("@" + FakeTelegramServer.BotUsername + " " + TelegramBed.AnswerableQuestion));
        await telegram.WaitForSendAttemptAsync(Updates.Group);

        var metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_inbox_pending", 1);
        Assert.Null(metrics.Value("sofabot_messages_total", ("channel", "telegram"), ("outcome", "replied")));
        telegram.Release(Updates.Group);
        metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_inbox_pending", 0);
        Assert.Equal(1, metrics.Value("sofabot_messages_total", ("channel", "telegram"), ("outcome", "replied")));
    }

    [Fact]
    public async Task A_dingtalk_reply_after_a_429_is_counted_and_a_redelivered_callback_is_a_duplicate()
    {
        await using var dingTalk = await FakeDingTalkServer.StartAsync();
        dingTalk.App = (DingTalkBed.RobotCode, DingTalkBed.AppSecret);
        var environment = MetricsServeTests.Environment(_state);
        environment["Channels__DingTalk__AppSecret"] = DingTalkBed.AppSecret;
        environment["Channels__DingTalk__RobotCode"] = DingTalkBed.RobotCode;
        environment["Channels__DingTalk__BaseUrl"] = dingTalk.Url;
        environment["Channels__DingTalk__ApiBaseUrl"] = dingTalk.Url;
        await using var serve = await ServeProcess.StartAsync(_state.Path, environment);
        dingTalk.Fail(FakeDingTalkServer.SessionPath, 429, """{"errcode":130101,"errmsg":"send too fast"}""");
        var callback = Callbacks.Text(
            DingTalkBed.AnswerableQuestion,
            $"{dingTalk.Url}{FakeDingTalkServer.SessionPath}?session={Guid.NewGuid():N}",
            DateTimeOffset.UtcNow.AddMinutes(90)).ToJsonString();

        Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(serve.Url, callback));
        await dingTalk.WaitForDeliveredAsync(1);
        Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(serve.Url, callback));

        var metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_messages_total", 1, ("channel", "dingtalk"), ("outcome", "duplicate"));
        metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_messages_total", 1, ("channel", "dingtalk"), ("outcome", "replied"));
        Assert.Equal(1, metrics.Value("sofabot_rate_limited_total", ("channel", "dingtalk")));
        Assert.Equal(1, metrics.Value("sofabot_send_retries_total", ("channel", "dingtalk")));
        Assert.Equal(1, metrics.Value("sofabot_reply_duration_seconds_count", ("channel", "dingtalk")));
        Assert.DoesNotContain(DingTalkBed.AppSecret, metrics.Text, StringComparison.Ordinal);
        Assert.Single(dingTalk.Delivered);
    }

    /// <summary>The serve environment with the Telegram channel polling the fake.</summary>
    private Dictionary<string, string> TelegramEnvironment(FakeTelegramServer telegram)
    {
        var environment = MetricsServeTests.Environment(_state);
        environment["Channels__Telegram__BotToken"] = FakeTelegramServer.Token;
        environment["Channels__Telegram__BaseUrl"] = telegram.Url;
        environment["Channels__Telegram__PollTimeoutSeconds"] = "1";
        return environment;
    }

    /// <summary>Posts the callback signed as DingTalk signs it now.</summary>
    private static async Task<HttpStatusCode> PostSignedAsync(string baseUrl, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/dingtalk/callback") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("sign", Callbacks.Sign(timestamp, DingTalkBed.AppSecret));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => _state.Dispose();
}
