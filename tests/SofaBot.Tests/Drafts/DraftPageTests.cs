using System.Net;
using System.Text.RegularExpressions;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Drafts;

/// <summary>The draft on the review page, over plain HTTP: shown with "Send draft" and "Edit draft" (the edit form
/// prefilled), and "Send draft" posts it to the asker.</summary>
public sealed partial class DraftPageTests
{
    [Fact]
    public async Task The_page_shows_the_draft_with_send_and_edit_and_send_draft_posts_it()
    {
        await using var bed = await DraftBed.StartAsync(DraftBed.Json(1, DraftBed.GoodDraft));
        var id = await bed.AskSuggestAsync();
        await bed.DraftedItemAsync(id);
        using var maintainer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        using var signedIn = await maintainer.PostAsync(bed.Review.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var page = await maintainer.GetStringAsync(bed.Review.Bot.Url + "/review");

        var article = Article().Match(page).Value;
        Assert.Contains($"Draft by {DraftBed.Model} · draws on #1", article, StringComparison.Ordinal);
        Assert.Contains($"<pre class=\"answer draft-text\">{DraftBed.GoodDraft}</pre>", article, StringComparison.Ordinal);
        Assert.Matches($"<form method=\"post\" action=\"/review/items/{id}/send-draft\">.*<button type=\"submit\">Send draft</button></form>", article);
        Assert.Contains($"<details><summary>Edit draft</summary><form method=\"post\" action=\"/review/items/{id}/edit\">", article, StringComparison.Ordinal);
        Assert.Contains($"<textarea name=\"text\" aria-label=\"Edited draft\">{DraftBed.GoodDraft}</textarea>", article, StringComparison.Ordinal);

        var token = AntiforgeryField().Match(page).Groups["token"].Value;
        using var sent = await maintainer.PostAsync($"{bed.Review.Bot.Url}/review/items/{id}/send-draft", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Contains("sent in reply to the question", Uri.UnescapeDataString(sent.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.Contains("OceanBase", (await bed.Review.BotMessagesAsync())[^1].GetProperty("html").GetString(), StringComparison.Ordinal);
        var after = await maintainer.GetStringAsync(bed.Review.Bot.Url + "/review?status=all");
        Assert.DoesNotContain("Send draft", after, StringComparison.Ordinal);
        Assert.Contains("Sent an edited answer", after, StringComparison.Ordinal);
    }

    [GeneratedRegex("<article class=\"item\".*?</article>", RegexOptions.Singleline)]
    private static partial Regex Article();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
