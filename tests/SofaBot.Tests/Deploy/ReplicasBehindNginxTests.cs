using System.Globalization;
using System.Net;
using System.Text;
using SofaBot.Tests.DingTalk;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Review;
using SofaBot.Tests.Telegram;
using Xunit.Abstractions;

namespace SofaBot.Tests.Deploy;

/// <summary>What <c>deploy/</c> sets up, run here: PostgreSQL, two <c>serve</c> processes and nginx in front. DingTalk
/// callbacks and Telegram webhook updates arrive through nginx while one replica is killed with <c>kill -9</c>:
/// every message the platforms saw acknowledged is answered, none twice, and a maintainer's sign-in holds whichever
/// replica nginx picks.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class ReplicasBehindNginxTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string WebhookSecret = "replica-test-webhook-secret";
    private const int PerPlatform = 24;

    [Fact]
    public async Task Through_nginx_with_a_replica_killed_mid_burst_every_acknowledged_message_is_answered_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            await using var telegram = await FakeTelegramServer.StartAsync();
            await using var dingtalk = await FakeDingTalkServer.StartAsync();
            dingtalk.App = (DingTalkBed.RobotCode, DingTalkBed.AppSecret);
            // two machines: each replica its own home folder, where ASP.NET Core would otherwise keep keys of its own
            using var homeA = new TempDirectory();
            using var homeB = new TempDirectory();
            string[] urls = [$"http://127.0.0.1:{NginxProcess.FreePort()}", $"http://127.0.0.1:{NginxProcess.FreePort()}"];
            await using var first = await ServeProcess.StartAsync(homeA.Path, Environment(database, telegram, dingtalk, homeA), urls[0]);
            await using var second = await ServeProcess.StartAsync(homeB.Path, Environment(database, telegram, dingtalk, homeB), urls[1]);
            await using var nginx = await NginxProcess.StartAsync(urls);
            using var client = new HttpClient();

            await SignInHoldsOnEveryReplicaAsync(nginx);

            var telegramIds = new List<long>();
            var sessions = new List<string>();
            var deliveries = new List<Task>();
            for (var i = 0; i < PerPlatform; i++)
            {
                if (i == PerPlatform / 2)
                {
                    await first.KillAsync();
                }

                // a chat each, so that no chat's pace (20 a minute) slows the count
                var update = Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.AnswerableQuestion}", chat: -1_000_000 - i);
                telegramIds.Add(update["message"]!["message_id"]!.GetValue<long>());
                deliveries.Add(DeliverUntilAcknowledgedAsync(client, nginx.Url + "/telegram/webhook", update.ToJsonString(), request => request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", WebhookSecret)));

                var session = $"{dingtalk.Url}{FakeDingTalkServer.SessionPath}?session=replica{i:D3}";
                sessions.Add(session);
                var callback = Callbacks.Text(TelegramBed.AnswerableQuestion, session, DateTimeOffset.UtcNow.AddMinutes(90), conversationId: $"cidReplica{i:D3}==");
                deliveries.Add(DeliverUntilAcknowledgedAsync(client, nginx.Url + "/dingtalk/callback", callback.ToJsonString(), Signed));
            }

            await Task.WhenAll(deliveries);

            // what the killed replica had acknowledged and not answered is taken over once its claim is stale
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((AnsweredTelegram(telegram, telegramIds) < PerPlatform || AnsweredDingTalk(dingtalk, sessions) < PerPlatform) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show now
            output.WriteLine($"Telegram: {telegram.Sent.Count} replies to {PerPlatform} updates; DingTalk: {dingtalk.Delivered.Count} replies to {PerPlatform} callbacks");
            Assert.All(telegramIds, id => Assert.Single(telegram.Sent, s => s.ReplyTo == id));
            Assert.All(sessions, session => Assert.Single(dingtalk.Delivered, d => session.EndsWith(d.Request.Query.TrimStart('?'), StringComparison.Ordinal)));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static int AnsweredTelegram(FakeTelegramServer telegram, List<long> ids) => ids.Count(id => telegram.Sent.Any(s => s.ReplyTo == id));

    private static int AnsweredDingTalk(FakeDingTalkServer dingtalk, List<string> sessions) =>
        sessions.Count(session => dingtalk.Delivered.Any(d => session.EndsWith(d.Request.Query.TrimStart('?'), StringComparison.Ordinal)));

    /// <summary>As the platforms do: a delivery that was not acknowledged (the replica died mid-request, nginx had
    /// no other to try yet) is delivered again.</summary>
    private static async Task DeliverUntilAcknowledgedAsync(HttpClient client, string url, string body, Action<HttpRequestMessage> headers)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            headers(request);
            try
            {
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{url} never acknowledged a delivery");
    }

    private static void Signed(HttpRequestMessage request)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add("timestamp", timestamp);
        request.Headers.Add("sign", Callbacks.Sign(timestamp, DingTalkBed.AppSecret));
    }

    /// <summary>Signed in once through nginx, the browser stays signed in on whichever replica serves it next.</summary>
    private static async Task SignInHoldsOnEveryReplicaAsync(NginxProcess nginx)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        using var signedIn = await browser.PostAsync(nginx.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        for (var i = 0; i < 6; i++)
        {
            // nginx takes turns: six pages are three from each replica
            Assert.Contains("Sign out", await browser.GetStringAsync(nginx.Url + "/review"), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Environment(string database, FakeTelegramServer telegram, FakeDingTalkServer dingtalk, TempDirectory home) => new()
    {
        ["HOME"] = home.Path,
        ["Corpus__Path"] = TestPaths.BundledCorpus,
        ["Storage__Provider"] = "postgres",
        ["Storage__Postgres__ConnectionString"] = database,
        ["Review__MaintainerToken"] = ReviewBed.Token,
        ["Review__KeyRingSecret"] = ReplicaSettings.KeyRingSecret,
        ["Chat__ClaimTimeoutSeconds"] = "10",
        ["Channels__Telegram__BotToken"] = FakeTelegramServer.Token,
        ["Channels__Telegram__BaseUrl"] = telegram.Url,
        ["Channels__Telegram__Mode"] = "Webhook",
        ["Channels__Telegram__WebhookUrl"] = "https://bot.example.org/telegram/webhook",
        ["Channels__Telegram__WebhookSecret"] = WebhookSecret,
        ["Channels__DingTalk__AppSecret"] = DingTalkBed.AppSecret,
        ["Channels__DingTalk__RobotCode"] = DingTalkBed.RobotCode,
        ["Channels__DingTalk__BaseUrl"] = dingtalk.Url,
        ["Channels__DingTalk__ApiBaseUrl"] = dingtalk.Url,
    };
}
