using SofaBot.Channels.DingTalk;

namespace SofaBot.Tests.DingTalk;

/// <summary>Only session webhooks under <c>BaseUrl</c> are posted to: same scheme, host and port, path under its path.</summary>
public sealed class DingTalkSessionWebhookTests
{
    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/sendBySession?session=abc", "https://oapi.dingtalk.com")]
    [InlineData("https://OAPI.dingtalk.com:443/robot/sendBySession?session=abc", "https://oapi.dingtalk.com/")]
    [InlineData("http://127.0.0.1:5000/robot/sendBySession?session=abc", "http://127.0.0.1:5000")]
    [InlineData("https://gw.example.org/dingtalk/robot/sendBySession?session=abc", "https://gw.example.org/dingtalk")]
    [InlineData("https://gw.example.org/dingtalk/robot/sendBySession?session=abc", "https://gw.example.org/dingtalk/")]
    public void A_webhook_under_the_base_url_is_accepted(string webhook, string baseUrl)
    {
        Assert.NotNull(DingTalkSessionWebhook.Under(webhook, baseUrl));
    }

    [Theory]
    [InlineData("https://evil.example/robot/sendBySession?session=abc")]
    [InlineData("http://oapi.dingtalk.com/robot/sendBySession?session=abc")]
    [InlineData("https://oapi.dingtalk.com:8443/robot/sendBySession?session=abc")]
    [InlineData("https://oapi.dingtalk.com.evil.example/robot/sendBySession")]
    [InlineData("https://oapi.dingtalk.com@evil.example/robot/sendBySession")]
    [InlineData("https://user@oapi.dingtalk.com/robot/sendBySession")]
    [InlineData("//evil.example/robot/sendBySession")]
    [InlineData("/robot/sendBySession?session=abc")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? webhook)
    {
        Assert.Null(DingTalkSessionWebhook.Under(webhook, "https://oapi.dingtalk.com"));
    }

    [Theory]
    [InlineData("https://gw.example.org/other/robot/sendBySession")]
    [InlineData("https://gw.example.org/dingtalkx/robot/sendBySession")]
    [InlineData("https://gw.example.org/dingtalk/../admin")]
    [InlineData("https://gw.example.org/dingtalk/%2e%2e/admin")]
    [InlineData("https://gw.example.org/dingtalk/..%2fadmin")]
    public void A_path_outside_the_base_path_is_refused(string webhook)
    {
        Assert.Null(DingTalkSessionWebhook.Under(webhook, "https://gw.example.org/dingtalk"));
    }

    [Fact]
    public void The_log_gets_the_host_but_never_the_session_key()
    {
        Assert.Equal("https://evil.example:8443", DingTalkSessionWebhook.HostOf("https://user:pw@evil.example:8443/robot/sendBySession?session=secret-key"));
    }
}
