using Microsoft.Playwright;
using SofaBot.Tests.Telegram;
using static Microsoft.Playwright.Assertions;

namespace SofaBot.Tests.Review;

/// <summary>The review page in a real browser, against the real host and a fake Telegram: a maintainer signs in on a
/// phone-sized page, sees the question, sends a candidate, and the group gets the answer as a reply to the question.</summary>
public sealed class ReviewPageBrowserTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Review:MaintainerToken"] = ReviewBed.Token };

    /// <summary>Opens the page and signs in the way a maintainer does: the token field, the button.</summary>
    private static async Task SignInAsync(IPage page, string url, string token)
    {
        await page.GotoAsync(url + "/review");
        await page.GetByLabel("Maintainer token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    [Fact]
    public async Task A_maintainer_signs_in_sends_a_candidate_and_the_group_gets_the_threaded_reply()
    {
        await using var bed = await TelegramBed.StartAsync(Settings);
        var question = Updates.Text("@SofaTestBot " + ReviewBed.SuggestQuestion);
        var questionId = question["message"]!["message_id"]!.GetValue<long>();
        await bed.DeliverAsync(question);
        Assert.Single(bed.Server.Sent); // the honest "no confident answer" reply
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPhonePageAsync();

        await SignInAsync(page, bed.Bot.Url, ReviewBed.Token);

        var item = page.Locator("article.item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.Locator(".question")).ToHaveTextAsync(ReviewBed.SuggestQuestion);
        await Expect(item.Locator(".meta").First).ToContainTextAsync("Alice in SOFAStack 社区 (Telegram)");
        await Expect(item.Locator(".why")).ToContainTextAsync("Why it was not answered: plausible match: confidence 0.");
        var candidate = item.Locator("li.candidate").Filter(new() { HasText = "db 存储" });
        await Expect(candidate).ToHaveCountAsync(1);
        await candidate.GetByRole(AriaRole.Button, new() { NameRegex = new("^Send #\\d$") }).ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("sent in reply to the question");
        await Expect(page.Locator("#empty")).ToBeVisibleAsync();
        var sent = await bed.Server.WaitForSentAsync(2);
        var answer = sent[^1];
        Assert.Equal(Updates.Group, answer.ChatId);
        Assert.Equal(questionId, answer.ReplyTo);
        Assert.Contains(ReviewBed.SuggestAnswerWord, answer.Text, StringComparison.Ordinal);
        Assert.Contains(ReviewBed.SuggestAnswerLink, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_sees_nothing_of_the_queue()
    {
        await using var bed = await TelegramBed.StartAsync(Settings);
        await bed.DeliverAsync(Updates.Text("@SofaTestBot " + ReviewBed.SuggestQuestion));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPhonePageAsync();

        await SignInAsync(page, bed.Bot.Url, "not-the-token-0123456789");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not a maintainer token");
        await Expect(page.Locator("article.item")).ToHaveCountAsync(0);
        Assert.DoesNotContain(ReviewBed.SuggestQuestion, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync(bed.Bot.Url + "/review?status=all");
        Assert.DoesNotContain(ReviewBed.SuggestQuestion, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Single(bed.Server.Sent);
    }

    [Fact]
    public async Task An_edited_answer_with_markup_is_shown_and_sent_as_text()
    {
        await using var bed = await TelegramBed.StartAsync(Settings);
        await bed.DeliverAsync(Updates.Text("@SofaTestBot " + ReviewBed.SuggestQuestion));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPhonePageAsync();
        await SignInAsync(page, bed.Bot.Url, ReviewBed.Token);
        var dialogs = 0;
        page.Dialog += (_, dialog) => dialogs++;

        await page.GetByText("Write a new answer").ClickAsync();
        await page.GetByLabel("New answer").FillAsync("learner 只复制日志不投票 <img src=x onerror=alert(1)> <script>alert(2)</script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send new answer" }).ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("sent in reply to the question");
        var answer = (await bed.Server.WaitForSentAsync(2))[^1];
        Assert.Contains("&lt;script&gt;", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", answer.Text, StringComparison.Ordinal);
        await page.GotoAsync(bed.Bot.Url + "/review?status=all");
        await Expect(page.Locator("article.item .outcome")).ToContainTextAsync("edited");
        Assert.Equal(0, dialogs);
    }
}
