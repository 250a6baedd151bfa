using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;
using static SofaBot.Tests.DingTalk.DingTalkBed;

namespace SofaBot.Tests.DingTalk;

/// <summary>The callback endpoint over real HTTP: only DingTalk's signed, recent requests get in, every message is
/// acknowledged at once and answered once however often it is delivered, and bad bodies never stop the worker.</summary>
public sealed class DingTalkCallbackTests
{
    [Fact]
    public async Task A_signed_callback_is_acknowledged_with_an_empty_object()
    {
        await using var bed = await StartAsync();
        var (timestamp, sign) = bed.Headers();

        var (status, body) = await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), timestamp, sign);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body);
        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
    }

    public static TheoryData<string, string?, string?> BadHeaders()
    {
        var now = new Fixtures.InstantTime().GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var later = (long.Parse(now, System.Globalization.CultureInfo.InvariantCulture) + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new()
        {
            { "signed with another secret", now, Callbacks.Sign(now, "another-secret") },
            { "signed for another timestamp", now, Callbacks.Sign(later, AppSecret) },
            { "sign is garbage", now, "not-a-signature" },
            { "no sign", now, null },
            { "no timestamp", null, Callbacks.Sign(now, AppSecret) },
            { "no headers", null, null },
            { "empty headers", "", "" },
            { "timestamp not a number", "abc", Callbacks.Sign("abc", AppSecret) },
            { "timestamp in seconds with a fraction", "1795251600.5", Callbacks.Sign("1795251600.5", AppSecret) },
            { "negative timestamp", "-" + now, Callbacks.Sign("-" + now, AppSecret) },
        };
    }

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_request_without_a_valid_signature_gets_401_and_nothing_is_sent(string why, string? timestamp, string? sign)
    {
        await using var bed = await StartAsync();

        var (status, _) = await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), timestamp, sign);

        Assert.True(status == HttpStatusCode.Unauthorized, why);
        await bed.Bot.IdleAsync();
        Assert.Empty(bed.Server.Requests);
        Assert.Single(bed.Bot.Logs.Warnings(3201));
    }

    [Theory]
    [InlineData(61)]
    [InlineData(-61)]
    public async Task A_correctly_signed_request_more_than_an_hour_off_is_stale_and_gets_401(int minutesLater)
    {
        await using var bed = await StartAsync();
        var callback = bed.Text(AnswerableQuestion);
        var (timestamp, sign) = bed.Headers();

        // the clock moves on (or back): a captured request replayed later, or a request from the future
        bed.Bot.Time.Advance(TimeSpan.FromMinutes(minutesLater));
        var (status, _) = await bed.PostAsync(callback.ToJsonString(), timestamp, sign);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        await bed.Bot.IdleAsync();
        Assert.Empty(bed.Server.Requests);
        Assert.Contains("outside the signature window", Assert.Single(bed.Bot.Logs.Warnings(3201)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_window_is_configurable()
    {
        await using var bed = await StartAsync(new() { ["Channels:DingTalk:SignatureWindowMinutes"] = "5" });
        var early = bed.Headers();
        var late = bed.Headers();

        bed.Bot.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), early.Timestamp, early.Sign)).Status);
        bed.Bot.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), late.Timestamp, late.Sign)).Status);
    }

    [Fact]
    public async Task The_same_callback_delivered_three_times_is_acknowledged_three_times_and_answered_once()
    {
        await using var bed = await StartAsync();
        var callback = bed.Text(AnswerableQuestion);

        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(callback));
        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(callback));
        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(callback));

        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
        await bed.Bot.IdleAsync();
        Assert.Single(bed.Server.Delivered);
        Assert.Equal(2, bed.Bot.Logs.Entries.Count(e => e.EventId.Id == 3001));
    }

    [Fact]
    public async Task The_same_callback_delivered_three_times_at_once_is_answered_once()
    {
        await using var bed = await StartAsync();
        var body = bed.Text(AnswerableQuestion).ToJsonString();
        var (timestamp, sign) = bed.Headers();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bed.PostAsync(body, timestamp, sign)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
        await bed.Bot.IdleAsync();
        Assert.Single(bed.Server.Delivered);
    }

    [Fact]
    public async Task A_message_the_store_cannot_record_gets_500_so_dingtalk_delivers_it_again()
    {
        await using var bed = await StartAsync(services: FailingStateStore.Decorate);
        var store = (FailingStateStore)bed.Bot.Services.GetRequiredService<IStateStore>();
        var callback = bed.Text(AnswerableQuestion);

        store.FailReceives = true;
        Assert.Equal(HttpStatusCode.InternalServerError, await bed.DeliverAsync(callback));
        Assert.Empty(bed.Server.Requests);
        Assert.Contains(bed.Bot.Logs.Entries, e => e.EventId.Id == 3204);

        store.FailReceives = false;
        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(callback));
        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
    }

    [Theory]
    [InlineData("{\"msgId\": ")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"msgId\":\"msgOnly==\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}")]
    [InlineData("{\"conversationId\":\"cidOnly==\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}")]
    public async Task A_malformed_body_gets_400_and_the_worker_keeps_answering(string body)
    {
        await using var bed = await StartAsync();
        var (timestamp, sign) = bed.Headers();

        Assert.Equal(HttpStatusCode.BadRequest, (await bed.PostAsync(body, timestamp, sign)).Status);
        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(bed.Text(AnswerableQuestion)));

        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
        Assert.Single(bed.Bot.Logs.Warnings(3202));
    }

    [Theory]
    [InlineData("picture")]
    [InlineData("richText")]
    [InlineData("file")]
    public async Task A_message_that_is_not_text_is_acknowledged_and_not_answered(string type)
    {
        await using var bed = await StartAsync();
        var callback = bed.Text(AnswerableQuestion);
        callback["msgtype"] = type;

        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(callback));

        Assert.Empty(bed.Server.Requests);
    }

    [Fact]
    public async Task Another_path_is_not_the_callback()
    {
        await using var bed = await StartAsync();
        var (timestamp, sign) = bed.Headers();

        Assert.Equal(HttpStatusCode.NotFound, (await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), timestamp, sign, "/dingtalk/other")).Status);
    }

    [Fact]
    public async Task The_callback_path_is_configurable()
    {
        await using var bed = await StartAsync(new() { ["Channels:DingTalk:CallbackPath"] = "/hooks/dt" });
        var (timestamp, sign) = bed.Headers();

        Assert.Equal(HttpStatusCode.OK, (await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), timestamp, sign, "/hooks/dt")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), timestamp, sign)).Status);
        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
    }

    [Fact]
    public async Task Without_an_app_secret_the_channel_is_off_and_the_path_is_not_served()
    {
        using var state = new Fixtures.TempDirectory();
        await using var bot = await Fixtures.BotUnderTest.StartAsync(state);
        using var client = new HttpClient();

        using var response = await client.PostAsync(bot.Url + "/dingtalk/callback", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
