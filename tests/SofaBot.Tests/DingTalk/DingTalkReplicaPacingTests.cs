using System.Globalization;
using System.Net;
using System.Text;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.DingTalk;

/// <summary>Two replicas answering one DingTalk conversation together stay within its 20 replies a minute: the pace is
/// kept in the shared database, not in each replica. (Before, each allowed 20, and one conversation got 30 and more.)</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class DingTalkReplicaPacingTests(PostgresFixture postgres)
{
    private const int Questions = 30;

    [Fact]
    public async Task Thirty_questions_in_one_conversation_across_two_replicas_take_more_than_a_minute_of_replies()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            await using var server = await FakeDingTalkServer.StartAsync();
            server.App = (DingTalkBed.RobotCode, DingTalkBed.AppSecret);
            var settings = ReplicaSettings.OnPostgres(database, new()
            {
                ["Channels:DingTalk:AppSecret"] = DingTalkBed.AppSecret,
                ["Channels:DingTalk:RobotCode"] = DingTalkBed.RobotCode,
                ["Channels:DingTalk:BaseUrl"] = server.Url,
                ["Channels:DingTalk:ApiBaseUrl"] = server.Url,
            });

            // one clock for both: a replica that waits for its turn moves it, as real time would move for both
            var time = new InstantTime();
            var start = time.GetUtcNow();
            using var stateA = new TempDirectory();
            using var stateB = new TempDirectory();
            await using var first = await BotUnderTest.StartAsync(stateA, settings, time);
            await using var second = await BotUnderTest.StartAsync(stateB, settings, time);
            using var client = new HttpClient();
            var posts = new List<Task>();
            for (var i = 0; i < Questions; i++)
            {
                var replica = i % 2 == 0 ? first : second;
                var session = $"{server.Url}{FakeDingTalkServer.SessionPath}?session=pace{i:D2}";
                var callback = Callbacks.Text(Telegram.TelegramBed.AnswerableQuestion, session, time.GetUtcNow().AddMinutes(90));
                posts.Add(PostAsync(client, replica.Url + "/dingtalk/callback", callback.ToJsonString(), time.GetUtcNow()));
            }

            await Task.WhenAll(posts);
            await server.WaitForDeliveredAsync(Questions);
            await first.IdleAsync();
            await second.IdleAsync();

            // 20 in the first minute, the other 10 after it: the shared clock went past a minute
            Assert.Equal(Questions, server.Delivered.Count);
            Assert.True(time.GetUtcNow() - start >= TimeSpan.FromMinutes(1), $"{Questions} replies to one conversation went out within {(time.GetUtcNow() - start).TotalSeconds:0} s");
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static async Task PostAsync(HttpClient client, string url, string body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("timestamp", timestamp);
        request.Headers.Add("sign", Callbacks.Sign(timestamp, DingTalkBed.AppSecret));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
