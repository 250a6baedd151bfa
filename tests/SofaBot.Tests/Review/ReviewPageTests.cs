using System.Net;
using System.Text.RegularExpressions;

namespace SofaBot.Tests.Review;

/// <summary>The review page over plain HTTP: what a visitor without a sign-in, a forged cookie or a forged form gets
/// (nothing of the queue, nothing posted), and the proactive mode's silent drafts.</summary>
public sealed partial class ReviewPageTests
{
    private static HttpClient Browser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false });

    [Fact]
    public async Task Without_a_sign_in_the_page_shows_only_the_sign_in_form_and_actions_are_refused()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        var id = (await bed.PendingItemAsync(ReviewBed.SuggestQuestion)).GetProperty("id").GetInt64();
        var cookies = new CookieContainer();
        cookies.Add(new Uri(bed.Bot.Url), new Cookie("sofabot_review", "forged-value", "/review"));
        using var visitor = Browser(cookies);

        var page = await visitor.GetStringAsync(bed.Bot.Url + "/review?status=all");
        using var send = await visitor.PostAsync($"{bed.Bot.Url}/review/items/{id}/send", new FormUrlEncodedContent([new("candidate", "1")]));

        Assert.Contains("Maintainer token", page, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewBed.SuggestQuestion, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, send.StatusCode);
        Assert.Single(await bed.ItemsAsync());
        Assert.Single(await bed.BotMessagesAsync());
    }

    [Fact]
    public async Task A_signed_in_form_without_its_antiforgery_token_does_nothing()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        var id = (await bed.PendingItemAsync(ReviewBed.SuggestQuestion)).GetProperty("id").GetInt64();
        using var maintainer = Browser();
        using var signedIn = await maintainer.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var page = await maintainer.GetStringAsync(bed.Bot.Url + "/review");
        Assert.Contains(ReviewBed.SuggestQuestion, page, StringComparison.Ordinal);

        // a cross-site form would carry no token (and, SameSite=Strict, no cookie either)
        using var forged = await maintainer.PostAsync($"{bed.Bot.Url}/review/items/{id}/send", new FormUrlEncodedContent([new("candidate", "1")]));
        var token = AntiforgeryField().Match(page).Groups["token"].Value;
        using var real = await maintainer.PostAsync($"{bed.Bot.Url}/review/items/{id}/reject", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("notAQuestion", "true")]));

        Assert.Contains("out of date", Uri.UnescapeDataString(forged.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.Contains("not a question", Uri.UnescapeDataString(real.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.Single(await bed.BotMessagesAsync());
        Assert.Single(await bed.ItemsAsync("rejected"));
    }

    [Fact]
    public async Task With_proactive_answers_an_unaddressed_uncertain_question_becomes_a_silent_draft()
    {
        await using var bed = await ReviewBed.StartAsync(new() { ["Chat:ProactiveAnswers"] = "true" });

        await bed.AskAsync(ReviewBed.SuggestQuestion + "？", mention: false);
        await bed.AskAsync("今天的会议改到下午三点", mention: false);

        Assert.Empty(await bed.BotMessagesAsync());
        var item = Assert.Single(await bed.ItemsAsync());
        Assert.Equal("suggest", item.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_item_says_why_the_bot_held_it_back_and_names_the_chat_it_was_asked_in()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync("Seata 用什么 db 存储", author: "王小明");
        using var maintainer = Browser();
        using var signedIn = await maintainer.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));

        var page = await maintainer.GetStringAsync(bed.Bot.Url + "/review");

        Assert.Contains("王小明 in the local chat", page, StringComparison.Ordinal);
        Assert.DoesNotContain("local local", page, StringComparison.Ordinal);
        Assert.Matches(@"Why it was not answered: match \(0\.\d\d\) held back: the message names Seata, the match is about SOFARegistry", page);
        var item = Assert.Single(await bed.ItemsAsync());
        Assert.Equal(item.GetProperty("reason").GetString(), Regex.Match(page, "Why it was not answered: (?<why>[^<]+)").Groups["why"].Value);
    }

    [Fact]
    public async Task The_same_question_asked_three_times_is_one_item_shown_first_with_its_count_and_askers()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync("Seata 用什么 db 存储", author: "王小明");
        await bed.AskAsync(ReviewBed.SuggestQuestion, author: "alice");
        await bed.AskAsync(ReviewBed.SuggestQuestion.ToUpperInvariant() + "？", author: "bob");
        await bed.AskAsync(ReviewBed.SuggestQuestion + " 🙏", author: "carol");
        using var maintainer = Browser();
        using var signedIn = await maintainer.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));

        var page = await maintainer.GetStringAsync(bed.Bot.Url + "/review");

        // most asked first, though opened after the other
        var items = await bed.ItemsAsync();
        Assert.Equal([3, 1], items.Select(i => i.GetProperty("askedCount").GetInt32()));
        Assert.Equal(ReviewBed.SuggestQuestion, items[0].GetProperty("question").GetString());
        var articles = Regex.Matches(page, "<article class=\"item\" id=\"item-(?<id>\\d+)\"").Select(m => long.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(items.Select(i => i.GetProperty("id").GetInt64()), articles);
        Assert.Contains("<b class=\"asked\" data-count=\"3\">asked 3 times in 1 chat</b>", page, StringComparison.Ordinal);
        Assert.Contains("Who asked (3)", page, StringComparison.Ordinal);
        foreach (var who in (string[])["alice", "bob", "carol"])
        {
            Assert.Contains($"<li class=\"asker\">{who} in the local chat", page, StringComparison.Ordinal);
        }

        // everyone was told the maintainers were asked
        Assert.Equal(4, (await bed.BotMessagesAsync()).Count);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
