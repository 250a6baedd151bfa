using System.Net;
using static SofaBot.Tests.DingTalk.DingTalkBed;

namespace SofaBot.Tests.DingTalk;

/// <summary>What the asker gets, through the real host and a fake DingTalk on loopback: a markdown reply on the
/// message's session webhook that @-mentions them, with the answer and the project's GitHub link.</summary>
public sealed class DingTalkReplyTests
{
    [Fact]
    public async Task A_mention_is_answered_on_the_session_webhook_in_markdown_mentioning_the_asker()
    {
        await using var bed = await StartAsync();
        var callback = bed.Text(AnswerableQuestion);

        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(callback));

        var reply = Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
        Assert.Equal("session", reply.Route);
        Assert.Equal(new Uri(callback["sessionWebhook"]!.GetValue<string>()).Query, reply.Request.Query);
        var body = reply.Request.Json;
        Assert.Equal("markdown", body["msgtype"]!.GetValue<string>());
        Assert.Equal([Callbacks.AliceStaffId], body["at"]!["atUserIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(body["at"]!["isAtAll"]!.GetValue<bool>());
        Assert.Equal("SofaBot · SOFAJRaft", reply.Title);
        Assert.Contains("这个问题在 SOFA Weekly 里回答过", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[SOFAJRaft](https://github.com/sofastack/sofa-jraft)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("https://www.sofastack.tech/blog/sofa-weekly-20211203/", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2021-12-03", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("@" + Callbacks.AliceStaffId, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("所有人", reply.Text, StringComparison.Ordinal);
        Assert.Empty(bed.Server.To(FakeDingTalkServer.TokenPath));
    }

    [Fact]
    public async Task A_private_message_without_a_mention_is_answered()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(bed.Text(AnswerableQuestion, conversationType: "1"));

        var reply = Assert.Single(await bed.Server.WaitForDeliveredAsync(1));
        Assert.Contains("sofa-jraft", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ask_command_is_answered()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(bed.Text("/ask " + AnswerableQuestion));

        Assert.Contains("sofa-jraft", Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_question_gets_english_wording()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(bed.Text("Does Layotto support WebAssembly?"));

        var reply = Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Text;
        Assert.Contains("I found no earlier answer", reply, StringComparison.Ordinal);
        Assert.Contains("(https://github.com/mosn/layotto/issues)", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_confident_answer_gets_an_honest_reply_and_where_to_ask()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(bed.Text(UnanswerableQuestion));

        var reply = Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Text;
        Assert.Contains("没有找到回答过的类似问题", reply, StringComparison.Ordinal);
        Assert.Contains("(https://github.com/mosn/layotto/issues)", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("这个问题在 SOFA Weekly 里回答过", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/help")]
    [InlineData("/start")]
    [InlineData("")]
    public async Task Help_and_a_bare_mention_explain_what_the_bot_does(string text)
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(bed.Text(text));

        var reply = Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Text;
        Assert.Contains("SofaBot", reply, StringComparison.Ordinal);
        Assert.Contains("/ask", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thanks_get_no_reply()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(bed.Text("谢谢！👍"));

        Assert.Empty(bed.Server.Requests);
    }

    [Fact]
    public async Task A_throttled_reply_is_retried_and_sent_once()
    {
        await using var bed = await StartAsync();
        bed.Server.Fail(FakeDingTalkServer.SessionPath, 200, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""");
        bed.Server.Fail(FakeDingTalkServer.SessionPath, 502, "Bad Gateway");

        await bed.DeliverAsync(bed.Text(AnswerableQuestion));

        Assert.Equal("session", Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Route);
        Assert.Equal(3, bed.Server.To(FakeDingTalkServer.SessionPath).Count);
        Assert.Equal(2, bed.Bot.Logs.Warnings(3210).Count);
    }

    [Fact]
    public async Task A_conversation_is_paced_to_twenty_replies_a_minute()
    {
        await using var bed = await StartAsync();

        for (var i = 0; i < 21; i++)
        {
            await bed.DeliverAsync(bed.Text("/help"));
        }

        Assert.Equal(21, (await bed.Server.WaitForDeliveredAsync(21)).Count);
        // the 21st waited for the first to leave the minute (at least 40 s after one-second spacing)
        Assert.Contains(bed.Bot.Time.Waits, w => w > TimeSpan.FromSeconds(30));
    }
}
