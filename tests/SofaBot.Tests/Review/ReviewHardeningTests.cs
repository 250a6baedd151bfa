using System.Net;

namespace SofaBot.Tests.Review;

/// <summary>The review page against guessing and framing: sign-in attempts are limited per address, signing out needs
/// the page's own form, and the page and API say they may not be framed, sniffed or leak their address.</summary>
public sealed class ReviewHardeningTests
{
    [Fact]
    public async Task Guessing_the_token_is_limited_to_ten_tries_a_minute_from_one_address()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var guesser = Browser();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var guess = await guesser.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", $"guess-{i:D4}-0123456789abcdef")]));
            statuses.Add(guess.StatusCode);
        }

        using var right = await guesser.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task A_sign_out_from_another_site_does_not_sign_the_maintainer_out()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var maintainer = Browser();
        using var signedIn = await maintainer.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));

        using var forged = await maintainer.PostAsync(bed.Bot.Url + "/review/sign-out", new FormUrlEncodedContent([]));

        Assert.Contains("out of date", Uri.UnescapeDataString(forged.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.Contains("Sign out", await maintainer.GetStringAsync(bed.Bot.Url + "/review"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/review")]
    [InlineData("/api/review")]
    public async Task The_page_and_the_api_may_not_be_framed_sniffed_or_leak_their_address(string path)
    {
        await using var bed = await ReviewBed.StartAsync();
        using var anyone = Browser();

        using var response = await anyone.GetAsync(bed.Bot.Url + path);

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
}
