using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;
using static SofaBot.Tests.DingTalk.DingTalkBed;

namespace SofaBot.Tests.DingTalk;

/// <summary>When the session webhook cannot be used (expired, outside <c>BaseUrl</c>, refused) the reply goes through
/// the group-send API with an access token, and the bot never sends a request anywhere but DingTalk.</summary>
public sealed class DingTalkFallbackTests
{
    /// <summary>A bed whose group DingTalk vouched for before (an earlier reply went through its session webhook), so
    /// the group-send API may post there.</summary>
    private static async Task<DingTalkBed> StartVouchedAsync(Dictionary<string, string?>? settings = null)
    {
        var bed = await StartAsync(settings);
        await bed.Bot.Services.GetRequiredService<IStateStore>().MarkChatVouchedAsync("dingtalk", Callbacks.Group, bed.Now, CancellationToken.None);
        return bed;
    }

    private static JsonObject Expired(DingTalkBed bed, string text) =>
        Callbacks.Text(text, bed.SessionWebhook(), bed.Now.AddMinutes(-1));

    [Fact]
    public async Task An_expired_session_webhook_is_replaced_by_the_group_send_api_with_the_access_token()
    {
        await using var bed = await StartVouchedAsync();

        await bed.DeliverAsync(Expired(bed, AnswerableQuestion));

        var reply = Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
        Assert.Equal("group", reply.Route);
        Assert.Empty(bed.Server.To(FakeDingTalkServer.SessionPath));
        var tokenRequest = Assert.Single(bed.Server.To(FakeDingTalkServer.TokenPath)).Json;
        Assert.Equal(RobotCode, tokenRequest["appKey"]!.GetValue<string>());
        Assert.Equal(AppSecret, tokenRequest["appSecret"]!.GetValue<string>());
        Assert.Equal(Assert.Single(bed.Server.IssuedTokens), reply.Request.Headers["x-acs-dingtalk-access-token"]);
        var body = reply.Request.Json;
        Assert.Equal(RobotCode, body["robotCode"]!.GetValue<string>());
        Assert.Equal(Callbacks.Group, body["openConversationId"]!.GetValue<string>());
        Assert.Equal("sampleMarkdown", body["msgKey"]!.GetValue<string>());
        // no @ is possible here, so the question is quoted
        Assert.StartsWith($"> {Callbacks.AliceNick}：{AnswerableQuestion}\n\n", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[SOFAJRaft](https://github.com/sofastack/sofa-jraft)", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@" + Callbacks.AliceStaffId, reply.Text, StringComparison.Ordinal);
        Assert.Contains(bed.Bot.Logs.Entries, e => e.EventId.Id == 3212);
    }

    [Fact]
    public async Task The_quoted_question_is_the_askers_text_never_the_bots_markup()
    {
        await using var bed = await StartVouchedAsync();
        var callback = Expired(bed, AnswerableQuestion + " [点此领取奖励](https://evil.example) ![x](https://evil.example/x.png) <b>hi</b>");
        callback["senderNick"] = "**大佬**";

        await bed.DeliverAsync(callback);

        var quote = Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Text.Split("\n\n")[0];
        Assert.Equal($"> ＊＊大佬＊＊：{AnswerableQuestion} ［点此领取奖励］（https：//evil.example） ！［x］（https：//evil.example/x.png） ＜b＞hi＜/b＞", quote);
    }

    [Fact]
    public async Task A_session_webhook_that_expires_while_the_reply_waits_is_not_used()
    {
        await using var bed = await StartVouchedAsync();
        // valid when received, but the reply is paced behind the first one and the webhook expires in that second
        await bed.DeliverAsync(bed.Text("/help"));
        var late = Callbacks.Text(AnswerableQuestion, bed.SessionWebhook(), bed.Now.AddMilliseconds(500));

        await bed.DeliverAsync(late);

        var replies = await bed.Server.WaitForDeliveredAsync(2);
        Assert.Equal(["session", "group"], replies.Select(r => r.Route));
    }

    [Fact]
    public async Task The_app_key_is_used_for_the_token_when_set()
    {
        await using var bed = await StartVouchedAsync(new() { ["Channels:DingTalk:AppKey"] = "dingappkey0001" });
        bed.Server.App = ("dingappkey0001", AppSecret);

        await bed.DeliverAsync(Expired(bed, AnswerableQuestion));

        Assert.Equal("group", Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Route);
        Assert.Equal(RobotCode, bed.Server.Delivered[0].Request.Json["robotCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_access_token_is_reused_until_five_minutes_before_it_expires()
    {
        await using var bed = await StartVouchedAsync();

        await bed.DeliverAsync(Expired(bed, AnswerableQuestion));
        await bed.DeliverAsync(Expired(bed, UnanswerableQuestion));
        Assert.Single(bed.Server.To(FakeDingTalkServer.TokenPath));

        bed.Bot.Time.Advance(TimeSpan.FromSeconds(7200) - TimeSpan.FromMinutes(5));
        await bed.DeliverAsync(Expired(bed, AnswerableQuestion));

        var replies = await bed.Server.WaitForDeliveredAsync(3);
        Assert.Equal(2, bed.Server.To(FakeDingTalkServer.TokenPath).Count);
        Assert.Equal(bed.Server.IssuedTokens[1], replies[2].Request.Headers["x-acs-dingtalk-access-token"]);
    }

    [Fact]
    public async Task A_revoked_access_token_is_replaced_and_the_reply_still_goes_out()
    {
        await using var bed = await StartVouchedAsync();
        await bed.DeliverAsync(Expired(bed, AnswerableQuestion));
        bed.Server.RevokeTokens();

        await bed.DeliverAsync(Expired(bed, UnanswerableQuestion));

        Assert.Equal(2, (await bed.Server.WaitForDeliveredAsync(2)).Count);
        Assert.Equal(2, bed.Server.IssuedTokens.Count);
    }

    public static TheoryData<string> OutsideWebhooks() =>
    [
        "other port",
        "localhost instead of 127.0.0.1",
        "https instead of http",
        "user info",
        "another host",
    ];

    [Theory]
    [MemberData(nameof(OutsideWebhooks))]
    public async Task A_session_webhook_outside_the_base_url_is_never_called_and_the_group_send_api_is_used(string outside)
    {
        await using var bed = await StartVouchedAsync();
        var port = new Uri(bed.Server.Url).Port;
        var webhook = outside switch
        {
            "other port" => $"{bed.Server.OtherUrl}{FakeDingTalkServer.SessionPath}?session=stolen-session-key",
            "localhost instead of 127.0.0.1" => $"http://localhost:{port}{FakeDingTalkServer.SessionPath}?session=stolen-session-key",
            "https instead of http" => $"https://127.0.0.1:{port}{FakeDingTalkServer.SessionPath}?session=stolen-session-key",
            "user info" => $"http://attacker@127.0.0.1:{port}{FakeDingTalkServer.SessionPath}?session=stolen-session-key",
            _ => $"http://attacker.invalid{FakeDingTalkServer.SessionPath}?session=stolen-session-key",
        };

        await bed.DeliverAsync(Callbacks.Text(AnswerableQuestion, webhook, bed.Now.AddMinutes(90)));

        Assert.Equal("group", Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Route);
        Assert.DoesNotContain(bed.Server.Requests, r => r.Port == bed.Server.OtherPort);
        Assert.Empty(bed.Server.To(FakeDingTalkServer.SessionPath));
        var warning = Assert.Single(bed.Bot.Logs.Warnings(3211)).Message;
        Assert.DoesNotContain("stolen-session-key", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_webhook_dingtalk_refuses_falls_back_to_the_group_send_api()
    {
        await using var bed = await StartVouchedAsync();
        bed.Server.Fail(FakeDingTalkServer.SessionPath, 200, """{"errcode":300001,"errmsg":"session invalid"}""");

        await bed.DeliverAsync(bed.Text(AnswerableQuestion));

        Assert.Equal("group", Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Route);
        Assert.Single(bed.Server.To(FakeDingTalkServer.SessionPath));
        Assert.Contains("300001", Assert.Single(bed.Bot.Logs.Warnings(3213)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_dingtalk_refuses_everywhere_is_recorded_as_failed_and_the_next_one_still_goes_out()
    {
        await using var bed = await StartVouchedAsync();
        bed.Server.Fail(FakeDingTalkServer.GroupSendPath, 400, """{"code":"robot.not.in.group","message":"机器人不在群里"}""");
        var refused = Expired(bed, AnswerableQuestion);

        await bed.DeliverAsync(refused);
        await bed.DeliverAsync(bed.Text(AnswerableQuestion));

        Assert.Equal("session", Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Route);
        var state = await bed.Bot.Services.GetRequiredService<IStateStore>()
            .GetStateAsync(new MessageKey("dingtalk", Callbacks.Group, refused["msgId"]!.GetValue<string>()), CancellationToken.None);
        Assert.Equal(MessageOutcome.Failed, state!.Outcome);
        Assert.Contains("机器人不在群里", state.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_secret_token_or_session_key_ever_reaches_the_logs()
    {
        await using var bed = await StartVouchedAsync();
        bed.Server.Fail(FakeDingTalkServer.SessionPath, 500, """{"errcode":-1,"errmsg":"系统繁忙"}""");
        bed.Server.Fail(FakeDingTalkServer.GroupSendPath, 503, "unavailable");
        var (timestamp, sign) = bed.Headers();
        await bed.PostAsync(bed.Text(AnswerableQuestion).ToJsonString(), timestamp, Callbacks.Sign(timestamp, "wrong"));
        var callback = bed.Text(AnswerableQuestion);
        callback["sessionWebhookExpiredTime"] = bed.Now.AddMinutes(90).ToUnixTimeMilliseconds();

        await bed.DeliverAsync(callback);
        await bed.DeliverAsync(Expired(bed, UnanswerableQuestion));
        await bed.DeliverAsync(Callbacks.Text(AnswerableQuestion, $"{bed.Server.OtherUrl}/robot/sendBySession?session=other-session-key", bed.Now.AddMinutes(90)));

        await bed.Server.WaitForDeliveredAsync(3);
        var session = new Uri(callback["sessionWebhook"]!.GetValue<string>()).Query.Split('=')[1];
        string[] secrets = [AppSecret, sign, session, "other-session-key", .. bed.Server.IssuedTokens];
        Assert.NotEmpty(bed.Bot.Logs.Entries);
        Assert.DoesNotContain(bed.Bot.Logs.Entries, e => secrets.Any(s => e.Message.Contains(s, StringComparison.Ordinal)));
    }
}
