using Microsoft.Extensions.Logging;
using SofaBot.Channels.Telegram;
using SofaBot.Tests.Fixtures;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>/ask and /help are put in the chats' command menu at start (<c>setMyCommands</c>), in Chinese for every
/// client and in English for English ones; a menu Telegram refuses is a warning, never a stop.</summary>
public sealed class TelegramCommandMenuTests
{
    [Fact]
    public async Task Ask_and_help_are_in_the_menu_in_chinese_and_for_english_clients_in_english()
    {
        await using var bed = await StartAsync();

        await Eventually.UntilAsync(() => bed.Server.Menus.Count == 2, "both command menus set");

        Assert.Equal(["ask", "help"], bed.Server.Menus[""].Select(c => c.Command));
        Assert.Equal(["ask", "help"], bed.Server.Menus["en"].Select(c => c.Command));
        Assert.Equal(TelegramCommandMenu.Chinese.Select(c => c.Description), bed.Server.Menus[""].Select(c => c.Description));
        Assert.Equal(TelegramCommandMenu.English.Select(c => c.Description), bed.Server.Menus["en"].Select(c => c.Description));
        Assert.Contains("/ask", bed.Server.Menus[""][0].Description, StringComparison.Ordinal);
        Assert.StartsWith("Ask", bed.Server.Menus["en"][0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_menu_telegram_refuses_is_a_warning_and_the_bot_answers_as_usual()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        server.Fail("setMyCommands", 400, "Bad Request: BOT_COMMAND_INVALID");
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state, new Dictionary<string, string?>
        {
            ["Channels:Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Channels:Telegram:BaseUrl"] = server.Url,
            ["Channels:Telegram:PollTimeoutSeconds"] = "1",
        });

        server.Push(Updates.Text($"/ask {AnswerableQuestion}"));

        Assert.Contains("sofa-jraft", Assert.Single(await server.WaitForSentAsync(1)).Text, StringComparison.Ordinal);
        var warning = Assert.Single(bot.Logs.Warnings(3115));
        Assert.Contains("Telegram setMyCommands failed: 400 Bad Request: BOT_COMMAND_INVALID", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Empty(server.Menus);
    }
}
