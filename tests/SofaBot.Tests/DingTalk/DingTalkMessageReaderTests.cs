using System.Text.Json;
using System.Text.Json.Nodes;
using SofaBot.Channels.DingTalk;
using SofaBot.Messaging;
using SofaBot.Storage;

namespace SofaBot.Tests.DingTalk;

/// <summary>Callback bodies read into messages: who, where, how addressed, and how to reply.</summary>
public sealed class DingTalkMessageReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private const string Webhook = "https://oapi.dingtalk.com/robot/sendBySession?session=abc";

    private static (IncomingMessage? Message, CallbackRead Outcome, string Reason) Read(JsonObject body) =>
        DingTalkMessageReader.Read(JsonDocument.Parse(body.ToJsonString()).RootElement, Now);

    [Fact]
    public void A_group_message_is_a_mention_keyed_by_conversation_and_msg_id_with_its_session_webhook()
    {
        var body = Callbacks.Text("jraft 能用吗", Webhook, Now.AddMinutes(90), msgId: "msgA==");

        var message = Read(body).Message!;

        Assert.Equal(new MessageKey("dingtalk", Callbacks.Group, "msgA=="), message.Key);
        Assert.Equal("jraft 能用吗", message.Text);
        Assert.Equal(Addressing.Mention, message.Addressing);
        Assert.Equal(Callbacks.AliceStaffId, message.SenderId);
        Assert.Equal(Callbacks.AliceNick, message.SenderName);
        Assert.Equal(Webhook, message.Route.SessionWebhook);
        Assert.Equal(Now.AddMinutes(90), message.Route.SessionWebhookExpiresAt);
        Assert.Equal(Now, message.SentAt);
    }

    [Fact]
    public void A_private_message_is_for_the_bot()
    {
        Assert.Equal(Addressing.PrivateChat, Read(Callbacks.Text("jraft 能用吗", Webhook, Now, conversationType: "1")).Message!.Addressing);
    }

    [Theory]
    [InlineData("/help", "HelpCommand", "")]
    [InlineData("/START", "HelpCommand", "")]
    [InlineData("/ask  jraft 能用吗 ", "AskCommand", "jraft 能用吗")]
    [InlineData("/ask", "AskCommand", "")]
    [InlineData("/asking 什么", "Mention", "/asking 什么")]
    [InlineData("", "Mention", "")]
    public void Commands_are_read_like_telegrams(string content, string addressing, string text)
    {
        var message = Read(Callbacks.Text(content, Webhook, Now)).Message!;

        Assert.Equal(Enum.Parse<Addressing>(addressing), message.Addressing);
        Assert.Equal(text, message.Text);
    }

    [Fact]
    public void Without_a_staff_id_the_sender_id_is_used_and_numbers_may_come_as_strings()
    {
        var body = Callbacks.Text("问题", Webhook, Now);
        body.Remove("senderStaffId");
        body["sessionWebhookExpiredTime"] = Now.AddMinutes(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        body["conversationType"] = 2;

        var message = Read(body).Message!;

        Assert.Equal("$:LWCP_v1:$alice", message.SenderId);
        Assert.Equal(Now.AddMinutes(1), message.Route.SessionWebhookExpiresAt);
        Assert.Equal(Addressing.Mention, message.Addressing);
    }

    [Theory]
    [InlineData("msgId")]
    [InlineData("conversationId")]
    public void A_body_without_its_ids_is_malformed(string field)
    {
        var body = Callbacks.Text("问题", Webhook, Now);
        body.Remove(field);

        Assert.Equal(CallbackRead.Malformed, Read(body).Outcome);
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_malformed()
    {
        Assert.Equal(CallbackRead.Malformed, DingTalkMessageReader.Read(JsonDocument.Parse("[1]").RootElement, Now).Outcome);
    }

    [Theory]
    [InlineData("picture")]
    [InlineData("richText")]
    [InlineData("audio")]
    [InlineData(null)]
    public void Other_message_types_are_ignored(string? type)
    {
        var body = Callbacks.Text("问题", Webhook, Now);
        body["msgtype"] = type;

        var (message, outcome, _) = Read(body);

        Assert.Null(message);
        Assert.Equal(CallbackRead.Ignored, outcome);
    }

    [Fact]
    public void An_unusable_expiry_is_no_expiry()
    {
        var body = Callbacks.Text("问题", Webhook, Now);
        body["sessionWebhookExpiredTime"] = "999999999999999999";

        Assert.Null(Read(body).Message!.Route.SessionWebhookExpiresAt);
    }
}
