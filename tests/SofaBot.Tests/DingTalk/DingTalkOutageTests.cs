using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;
using static SofaBot.Tests.DingTalk.DingTalkBed;

namespace SofaBot.Tests.DingTalk;

/// <summary>DingTalk failing for longer than a few retries, or taking a post and losing the answer: the outage is
/// waited out, and a reply that may have arrived is sent at most once more, on the same route.</summary>
public sealed class DingTalkOutageTests
{
    private static MessageKey KeyOf(JsonObject callback) =>
        new("dingtalk", callback["conversationId"]!.GetValue<string>(), callback["msgId"]!.GetValue<string>());

    private static async Task<MessageState> FinishedAsync(DingTalkBed bed, JsonObject callback)
    {
        var store = bed.Bot.Services.GetRequiredService<IStateStore>();
        MessageState? state = null;
        await Eventually.UntilAsync(
            async () => (state = await store.GetStateAsync(KeyOf(callback), CancellationToken.None)) is { Outcome: not MessageOutcome.Pending },
            "the message finished");
        return state!;
    }

    [Theory]
    [InlineData(null, "the connection is cut before the answer")]
    [InlineData("<html>upstream busy</html>", "the answer is a 200 nobody can read")]
    public async Task A_session_post_whose_answer_was_lost_is_sent_once_more_and_never_through_group_send(string? unreadableBody, string how)
    {
        await using var bed = await StartAsync();
        await bed.Bot.Services.GetRequiredService<IStateStore>().MarkChatVouchedAsync("dingtalk", Callbacks.Group, bed.Now, CancellationToken.None);
        bed.Server.LoseAnswers(FakeDingTalkServer.SessionPath, 10, unreadableBody);
        var callback = bed.Text(AnswerableQuestion);

        await bed.DeliverAsync(callback);

        var state = await FinishedAsync(bed, callback);
        Assert.True(state.Outcome == MessageOutcome.Failed, how);
        Assert.Contains("may have arrived", state.Detail, StringComparison.Ordinal);
        Assert.Equal(2, bed.Server.Delivered.Count);
        Assert.All(bed.Server.Delivered, d => Assert.Equal("session", d.Route));
        Assert.Empty(bed.Server.To(FakeDingTalkServer.GroupSendPath));
    }

    [Fact]
    public async Task A_group_send_whose_answer_was_lost_is_sent_once_more_and_never_again()
    {
        await using var bed = await StartAsync();
        await bed.Bot.Services.GetRequiredService<IStateStore>().MarkChatVouchedAsync("dingtalk", Callbacks.Group, bed.Now, CancellationToken.None);
        bed.Server.LoseAnswers(FakeDingTalkServer.GroupSendPath, 10);
        var callback = Callbacks.Text(AnswerableQuestion, bed.SessionWebhook(), bed.Now.AddMinutes(-1));

        await bed.DeliverAsync(callback);

        Assert.Equal(MessageOutcome.Failed, (await FinishedAsync(bed, callback)).Outcome);
        Assert.Equal(2, bed.Server.Delivered.Count(d => d.Route == "group"));
    }

    [Fact]
    public async Task An_outage_of_both_routes_is_waited_out_and_the_reply_goes_out_once()
    {
        await using var bed = await StartAsync();
        await bed.Bot.Services.GetRequiredService<IStateStore>().MarkChatVouchedAsync("dingtalk", Callbacks.Group, bed.Now, CancellationToken.None);
        bed.Server.Fail(FakeDingTalkServer.SessionPath, 503, """{"errcode":-1,"errmsg":"系统繁忙"}""", times: 20);
        bed.Server.Fail(FakeDingTalkServer.GroupSendPath, 500, """{"code":"ServiceUnavailable","message":"服务暂不可用"}""", times: 20);
        var callback = bed.Text(AnswerableQuestion);

        await bed.DeliverAsync(callback);

        Assert.Equal(MessageOutcome.Replied, (await FinishedAsync(bed, callback)).Outcome);
        Assert.Single(bed.Server.Delivered);
    }
}
