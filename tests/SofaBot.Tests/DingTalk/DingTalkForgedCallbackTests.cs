using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;
using static SofaBot.Tests.DingTalk.DingTalkBed;

namespace SofaBot.Tests.DingTalk;

/// <summary>The signature covers only the timestamp, so a captured pair can carry any body for the length of the
/// window. Such a callback must not choose the group the bot posts into: the group-send API is used only for a
/// conversation DingTalk vouched for, by taking an earlier reply through a session webhook of its own.</summary>
public sealed class DingTalkForgedCallbackTests
{
    private const string AttackersGroup = "cidSomeoneElsesGroup0001==";

    [Theory]
    [InlineData("expired")]
    [InlineData("foreign host")]
    [InlineData("refused by DingTalk")]
    public async Task A_callback_naming_a_group_dingtalk_never_vouched_for_posts_nowhere(string webhook)
    {
        await using var bed = await StartAsync();
        var callback = webhook switch
        {
            "expired" => Callbacks.Text(AnswerableQuestion, bed.SessionWebhook(), bed.Now.AddMinutes(-5), conversationId: AttackersGroup),
            "foreign host" => Callbacks.Text(AnswerableQuestion, bed.Server.OtherUrl + FakeDingTalkServer.SessionPath + "?session=x", bed.Now.AddMinutes(90), conversationId: AttackersGroup),
            _ => Callbacks.Text(AnswerableQuestion, bed.SessionWebhook(), bed.Now.AddMinutes(90), conversationId: AttackersGroup),
        };
        if (webhook == "refused by DingTalk")
        {
            bed.Server.Fail(FakeDingTalkServer.SessionPath, 200, """{"errcode":300001,"errmsg":"session 不存在"}""");
        }

        await bed.DeliverAsync(callback);

        var store = bed.Bot.Services.GetRequiredService<IStateStore>();
        var key = new MessageKey("dingtalk", AttackersGroup, callback["msgId"]!.GetValue<string>());
        MessageState? state = null;
        await Eventually.UntilAsync(async () => (state = await store.GetStateAsync(key, CancellationToken.None)) is { Outcome: not MessageOutcome.Pending }, "the message finished");
        Assert.Equal(MessageOutcome.Failed, state!.Outcome);
        Assert.Contains("never vouched for", state.Detail, StringComparison.Ordinal);
        Assert.Empty(bed.Server.To(FakeDingTalkServer.GroupSendPath));
        Assert.Empty(bed.Server.Delivered);
    }

    [Fact]
    public async Task A_reply_through_a_session_webhook_vouches_for_the_group_so_a_late_reply_there_can_use_group_send()
    {
        await using var bed = await StartAsync();
        await bed.DeliverAsync(bed.Text(AnswerableQuestion));
        Assert.Equal("session", Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Route);

        await bed.DeliverAsync(Callbacks.Text(AnswerableQuestion, bed.SessionWebhook(), bed.Now.AddMinutes(-1)));

        Assert.Equal(["session", "group"], (await bed.Server.WaitForDeliveredAsync(2)).Select(d => d.Route));
    }
}
