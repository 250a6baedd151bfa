using Microsoft.Playwright;
using SofaBot.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;
using Browser = SofaBot.Tests.Review.Browser;

namespace SofaBot.Tests.Hosting;

/// <summary>The local chat in a real browser: what a newcomer does first. The bot's links open beside the chat
/// instead of taking the page away, and the page asks the host for nothing it does not have.</summary>
public sealed class LocalChatBrowserTests
{
    [Fact]
    public async Task A_link_in_the_bots_answer_opens_in_a_new_tab_and_the_chat_stays()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPhonePageAsync();
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };
        // the machine has no internet: links to GitHub and sofastack.tech are answered here
        await page.Context.RouteAsync(url => !url.StartsWith(bot.Url, StringComparison.Ordinal), route => route.FulfillAsync(new() { Body = "elsewhere", ContentType = "text/plain" }));

        await page.GotoAsync(bot.Url + "/");
        await page.GetByLabel("Message").FillAsync("@SofaBot jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var answer = page.Locator(".message.bot .body");
        await Expect(answer).ToContainTextAsync("SOFAJRaft");

        var links = answer.Locator("a");
        Assert.True(await links.CountAsync() >= 2, "the answer links the project and the weekly");
        foreach (var link in await links.AllAsync())
        {
            Assert.Equal("_blank", await link.GetAttributeAsync("target"));
        }

        var opened = await page.RunAndWaitForPopupAsync(() => links.First.ClickAsync());
        await opened.WaitForLoadStateAsync();

        Assert.StartsWith("https://", opened.Url, StringComparison.Ordinal);
        Assert.Equal(bot.Url + "/", page.Url);
        await Expect(answer).ToBeVisibleAsync();
        Assert.Empty(failed);
    }
}
