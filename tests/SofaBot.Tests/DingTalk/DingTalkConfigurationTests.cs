using Microsoft.Extensions.Options;
using SofaBot.Channels.DingTalk;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.DingTalk;

/// <summary>A DingTalk channel that is on with a bad setting stops start-up, naming the key and never the secret.</summary>
public sealed class DingTalkConfigurationTests
{
    private const string Secret = "Config-Test-Secret_0123456789";

    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var state = new TempDirectory();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => BotUnderTest.StartAsync(state, settings));
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        return e.Message;
    }

    [Fact]
    public async Task An_app_secret_without_a_robot_code_stops_start_up_naming_the_key()
    {
        var message = await StartFailureAsync(new() { ["Channels:DingTalk:AppSecret"] = Secret });

        Assert.Contains("Channels:DingTalk:RobotCode is required", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oapi.dingtalk.com")]
    [InlineData("ftp://oapi.dingtalk.com")]
    [InlineData("https://oapi.dingtalk.com?x=1")]
    public async Task A_bad_base_url_stops_start_up_naming_the_key(string baseUrl)
    {
        var message = await StartFailureAsync(new()
        {
            ["Channels:DingTalk:AppSecret"] = Secret,
            ["Channels:DingTalk:RobotCode"] = "dingrobot",
            ["Channels:DingTalk:BaseUrl"] = baseUrl,
        });

        Assert.Contains($"Channels:DingTalk:BaseUrl is \"{baseUrl}\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_key_is_named_at_once()
    {
        var result = new DingTalkOptionsValidator().Validate(null, new DingTalkOptions
        {
            AppSecret = Secret,
            ApiBaseUrl = "api.dingtalk.com",
            CallbackPath = "dingtalk",
            SignatureWindowMinutes = 0,
            MaxSendAttempts = 0,
            BotName = " ",
        });

        Assert.True(result.Failed);
        Assert.Equal(
            ["RobotCode", "ApiBaseUrl", "CallbackPath", "SignatureWindowMinutes", "MaxSendAttempts", "BotName"],
            result.Failures!.Select(f => f.Split(' ')[0].Split(':')[2]));
        Assert.DoesNotContain(result.Failures!, f => f.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void A_channel_without_an_app_secret_is_off_and_not_checked()
    {
        Assert.True(new DingTalkOptionsValidator().Validate(null, new DingTalkOptions { BaseUrl = "nonsense", MaxSendAttempts = 0 }).Succeeded);
        Assert.False(new DingTalkOptions { AppSecret = "  ", RobotCode = "x" }.IsEnabled);
    }

    [Fact]
    public void The_app_key_defaults_to_the_robot_code()
    {
        Assert.Equal("dingrobot", new DingTalkOptions { RobotCode = "dingrobot" }.EffectiveAppKey);
        Assert.Equal("dingappkey", new DingTalkOptions { RobotCode = "dingrobot", AppKey = "dingappkey" }.EffectiveAppKey);
    }
}
