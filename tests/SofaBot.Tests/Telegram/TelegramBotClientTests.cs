using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Channels.Telegram;
using SofaBot.Hosting;
using SofaBot.Telemetry;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SofaBot.Tests.Telegram;

/// <summary>Telegram.Bot's client as SofaBot registers it, over real HTTP against the fake Bot API on loopback: each
/// way a call can fail reaches the caller as an exception <see cref="TelegramFailure"/> reads right, named by method
/// and never showing the token.</summary>
public sealed class TelegramBotClientTests : IAsyncLifetime
{
    private static readonly string Secret = FakeTelegramServer.Token.Split(':')[1];

    private FakeTelegramServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeTelegramServer.StartAsync();
        _services = Services(FakeTelegramServer.Token, _server.Url);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static ServiceProvider Services(string token, string baseUrl)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();
        services.AddOptions<TelegramOptions>().Configure(o =>
        {
            o.BotToken = token;
            o.BaseUrl = baseUrl;
        });
        services.AddTelegramBotClient();
        return services.BuildServiceProvider();
    }

    private ITelegramBotClient Client => _services.GetRequiredService<ITelegramBotClient>();

    [Fact]
    public async Task A_429_reaches_the_caller_at_once_with_its_retry_after()
    {
        _server.Fail("sendMessage", 429, "Too Many Requests: retry after 5", retryAfter: 5);

        var e = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendHtmlAsync(Updates.Group, "hi", null, null, null, CancellationToken.None));

        // the library's own wait-and-repeat is off: one request, and SofaBot's retry decides
        Assert.Equal(1, _server.Calls.Count(c => c == "sendMessage"));
        Assert.Equal("Telegram sendMessage failed: 429 Too Many Requests: retry after 5", e.Message);
        Assert.Equal(TimeSpan.FromSeconds(5), TelegramFailure.RetryAfter(e));
        Assert.True(TelegramFailure.IsTransient(e));
        Assert.False(TelegramFailure.MayHaveBeenDelivered(e));
    }

    [Fact]
    public async Task A_refusal_is_final_and_a_rejected_token_is_unauthorized()
    {
        _server.Fail("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat");
        await using var revoked = Services("123:revoked", _server.Url);

        var kicked = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendHtmlAsync(Updates.Group, "hi", null, null, null, CancellationToken.None));
        var rejected = await Assert.ThrowsAsync<ApiRequestException>(() => revoked.GetRequiredService<ITelegramBotClient>().GetMe(CancellationToken.None));

        Assert.Equal("Telegram sendMessage failed: 403 Forbidden: bot was kicked from the supergroup chat", kicked.Message);
        Assert.False(TelegramFailure.IsTransient(kicked));
        Assert.False(TelegramFailure.IsUnauthorized(kicked));
        Assert.True(TelegramFailure.IsUnauthorized(rejected));
        Assert.Equal(404, TelegramFailure.Status(rejected));
    }

    [Fact]
    public async Task A_refused_connection_is_repeated_and_surely_did_not_deliver()
    {
        await using var nowhere = Services(FakeTelegramServer.Token, $"http://127.0.0.1:{ClosedPort()}");

        var e = await Assert.ThrowsAsync<RequestException>(() => nowhere.GetRequiredService<ITelegramBotClient>().SendHtmlAsync(Updates.Group, "hi", null, null, null, CancellationToken.None));

        Assert.StartsWith("Telegram sendMessage failed: ConnectionError", e.Message, StringComparison.Ordinal);
        Assert.True(TelegramFailure.IsTransient(e));
        Assert.False(TelegramFailure.MayHaveBeenDelivered(e));
        Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_whose_answer_was_cut_off_may_have_arrived()
    {
        _server.LoseAnswers(1);

        var e = await Assert.ThrowsAsync<RequestException>(() => Client.SendHtmlAsync(Updates.Group, "hi", null, null, null, CancellationToken.None));

        Assert.Single(_server.Sent);
        Assert.True(TelegramFailure.IsTransient(e));
        Assert.True(TelegramFailure.MayHaveBeenDelivered(e));
        Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, true, "Telegram sendMessage failed: unreadable answer")]
    [InlineData(502, false, "Telegram sendMessage failed: 502 unreadable answer")]
    public async Task An_answer_that_is_not_the_bot_apis_json_is_repeated_and_may_have_arrived_after_a_2xx(int status, bool mayHaveArrived, string message)
    {
        _server.FailUnreadable("sendMessage", status);

        var e = await Assert.ThrowsAsync<RequestException>(() => Client.SendHtmlAsync(Updates.Group, "hi", null, null, null, CancellationToken.None));

        Assert.Equal(message, e.Message);
        Assert.True(TelegramFailure.IsTransient(e));
        Assert.Equal(mayHaveArrived, TelegramFailure.MayHaveBeenDelivered(e));
    }

    [Fact]
    public async Task A_send_without_an_answer_in_time_may_have_arrived_and_a_caller_that_stops_gets_a_cancellation()
    {
        using var http = new HttpClient();
        var client = new TimedTelegramBotClient(FakeTelegramServer.Token, _server.Url, http, _services.GetRequiredService<BotMetrics>()) { CallTimeout = TimeSpan.FromMilliseconds(300) };
        _server.Hold(Updates.Group);
        try
        {
            var late = await Assert.ThrowsAsync<RequestException>(() => client.SendHtmlAsync(Updates.Group, "hi", null, null, null, CancellationToken.None));
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendHtmlAsync(Updates.Group, "hi", null, null, null, stop.Token));

            Assert.Equal("Telegram sendMessage failed: no answer within 0.3 s", late.Message);
            Assert.IsType<TimeoutException>(late.InnerException);
            Assert.True(TelegramFailure.IsTransient(late));
            Assert.True(TelegramFailure.MayHaveBeenDelivered(late));
        }
        finally
        {
            _server.Release(Updates.Group);
        }
    }

    [Fact]
    public async Task Raw_updates_come_back_one_json_element_each_even_when_one_cannot_be_read()
    {
        var good = Updates.Text("hello");
        var bad = Updates.Other("message", JsonValue.Create("not an object"));
        _server.PushBatch(good, bad);

        var updates = await Client.SendRequest(new TelegramRawUpdatesRequest { Timeout = 1 });

        Assert.Equal([good["update_id"]!.GetValue<long>(), bad["update_id"]!.GetValue<long>()], updates.Select(u => u.GetProperty("update_id").GetInt64()));
        Assert.Equal(["message", "callback_query"], _server.AllowedUpdates!);
    }

    /// <summary>A loopback port nothing listens on (taken and given back at once).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
