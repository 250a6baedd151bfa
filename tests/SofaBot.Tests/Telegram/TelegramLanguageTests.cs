using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>The bot's own words (help, labels, "no earlier answer") follow the group's language: a Chinese group gets
/// Chinese help, whatever the bare <c>/help</c> command looks like. <c>Chat:Language</c> can fix one.</summary>
public sealed class TelegramLanguageTests
{
    private const string ChineseHelp = "我是 SofaBot";
    private const string EnglishHelp = "I am SofaBot";

    [Fact]
    public async Task Help_in_a_group_that_writes_Chinese_is_in_Chinese()
    {
        await using var bed = await StartAsync();
        await bed.DeliverAsync(Updates.Text("大家好，jraft 升级到 1.3.12 之后还要改配置吗")); // chatter, not for the bot
        await bed.DeliverAsync(Updates.Text("同问"));

        await bed.DeliverAsync(With(Updates.Text("/help"), languageCode: "en"));

        var help = Assert.Single(await bed.Server.WaitForSentAsync(1)).Text;
        Assert.Contains(ChineseHelp, help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_in_a_group_that_writes_English_is_in_English()
    {
        await using var bed = await StartAsync();
        await bed.DeliverAsync(Updates.Text("anyone running sofa-registry on k8s?"));

        await bed.DeliverAsync(Updates.Text("/help"));

        Assert.Contains(EnglishHelp, Assert.Single(await bed.Server.WaitForSentAsync(1)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", EnglishHelp)]
    [InlineData("zh-hans", ChineseHelp)]
    [InlineData(null, ChineseHelp)]
    public async Task In_a_chat_not_heard_yet_help_follows_the_askers_app_else_Chinese(string? languageCode, string expected)
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(With(Updates.Text("/help"), languageCode));

        Assert.Contains(expected, Assert.Single(await bed.Server.WaitForSentAsync(1)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh", "What are the advantages of SOFARPC compared with Dubbo?", "项目：")]
    [InlineData("en", "@SofaTestBot " + AnswerableQuestion, "Project: ")]
    public async Task Chat_Language_fixes_the_language_of_every_reply(string language, string question, string label)
    {
        await using var bed = await StartAsync(new() { ["Chat:Language"] = language });

        await bed.DeliverAsync(Updates.Text(question.StartsWith('@') ? question : "/ask " + question));

        Assert.Contains(label, Assert.Single(await bed.Server.WaitForSentAsync(1)).Text, StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonObject With(System.Text.Json.Nodes.JsonObject update, string? languageCode)
    {
        if (languageCode is not null)
        {
            update["message"]!["from"]!["language_code"] = languageCode;
        }

        return update;
    }
}
