using System.Text.RegularExpressions;
using SofaBot.Channels.Telegram;
using SofaBot.Tests.DingTalk;
using SofaBot.Tests.Review;
using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.Cli;

/// <summary><c>ask</c> prints exactly the words the group reads: the visible text of what the real host sends to a
/// fake Telegram server for the same message, the words of its DingTalk markdown, and the local chat's help.</summary>
public sealed partial class AskReadsAsTheGroupTests
{
    public static TheoryData<string> Messages => new()
    {
        TelegramBed.AnswerableQuestion, // answer, Chinese
        "What are the advantages of SOFARPC compared with Dubbo?", // answer, English
        TelegramBed.SuggestedQuestion, // suggest, Chinese
        "How does Seata AT mode roll back?", // suggest, English
        TelegramBed.UnanswerableQuestion, // no earlier answer, Chinese
        "Does Layotto support WebAssembly?", // no earlier answer, English
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Ask_prints_the_visible_text_of_the_telegram_reply(string message)
    {
        await using var bed = await TelegramBed.StartAsync();

        await bed.DeliverAsync(Updates.Text($"@{FakeTelegramServer.BotUsername} {message}"));

        var sent = Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Equal(TelegramHtml.VisibleText(sent.Text), await AskAsync(message));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Ask_prints_the_words_of_the_dingtalk_reply(string message)
    {
        await using var bed = await DingTalkBed.StartAsync();

        await bed.DeliverAsync(bed.Text(message));

        var markdown = Assert.Single(await bed.Server.WaitForDeliveredAsync(1)).Text;
        Assert.Equal(Words(markdown.Replace("\n\n@" + Callbacks.AliceStaffId, "", StringComparison.Ordinal)), Words(await AskAsync(message)));
    }

    [Fact]
    public async Task Ask_prints_the_help_the_local_chat_shows()
    {
        await using var bed = await ReviewBed.StartAsync();

        await bed.AskAsync("/help", mention: false);

        var help = Assert.Single(await bed.BotMessagesAsync()).GetProperty("html").GetString()!;
        Assert.Equal(TelegramHtml.VisibleText(help), await AskAsync("/help"));
    }

    private static async Task<string> AskAsync(string message) => (await CliRunner.AskJsonAsync(message)).GetProperty("reply").GetString()!;

    /// <summary>What a reader sees, line by line: links as their labels (an autolink as its URL), without quote, list
    /// and bold marks, and without blank lines (DingTalk's markdown needs a blank line where Telegram has a line
    /// break).</summary>
    private static List<string> Words(string text) =>
    [
        .. text.Split('\n')
            .Select(line => Marks().Replace(MarkdownLink().Replace(line, "${label}"), "").Trim())
            .Where(line => line.Length > 0),
    ];

    [GeneratedRegex(@"\[(?<label>[^\]]*)\]\([^)]*\)|<(?<label>https?://[^>]*)>")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^(> |- |• )|\*\*")]
    private static partial Regex Marks();
}
