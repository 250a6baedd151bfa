using System.Net;
using System.Net.Http.Headers;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>Guessing the maintainer token through the REST API, over real HTTP: ten wrong tokens a minute from one
/// address, each logged with the address and never the token, then 429 without the token being compared; the right
/// token is never counted, and a maintainer on another address never notices.</summary>
public sealed class ApiTokenGuessingTests
{
    [Fact]
    public async Task Ten_wrong_tokens_a_minute_get_401_each_logged_without_the_token_then_429_with_retry_after()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var guesser = LoopbackClient.From("127.0.0.3");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var guess = await ListAsync(guesser, bed, $"guess-{i:D4}-0123456789abcdef");
            statuses.Add(guess.StatusCode);
        }

        using var right = await ListAsync(guesser, bed, ReviewBed.Token);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
        // refused before the token is compared: from this address, the right one too
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var retryAfter = right.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("too many wrong maintainer tokens", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrong = bed.Bot.Logs.Warnings(3340);
        Assert.Equal(10, wrong.Count);
        Assert.All(wrong, w => Assert.Contains("127.0.0.3", w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(bed.Bot.Logs.Entries, e => e.Message.Contains("guess-", StringComparison.Ordinal));
        Assert.Contains("127.0.0.3", Assert.Single(bed.Bot.Logs.Warnings(3341)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_maintainer_on_another_address_is_not_held_back_by_a_guesser()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var guesser = LoopbackClient.From("127.0.0.3");
        using var maintainer = LoopbackClient.From("127.0.0.4");
        for (var i = 0; i < 11; i++)
        {
            using var guess = await ListAsync(guesser, bed, $"guess-{i:D4}-0123456789abcdef");
        }

        using var stillRefused = await ListAsync(guesser, bed, $"guess-last-0123456789abcdef");
        var answered = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var listed = await ListAsync(maintainer, bed, ReviewBed.Token);
            answered.Add(listed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.All(answered, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task The_right_token_uses_up_no_tries_and_the_next_minute_gives_ten_more()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var client = LoopbackClient.From("127.0.0.5");

        var rights = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var listed = await ListAsync(client, bed, ReviewBed.Token);
            rights.Add(listed.StatusCode);
        }

        var wrongs = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var guess = await ListAsync(client, bed, $"guess-{i:D4}-0123456789abcdef");
            wrongs.Add(guess.StatusCode);
        }

        bed.Bot.Time.Advance(TimeSpan.FromMinutes(1));
        using var nextMinute = await ListAsync(client, bed, ReviewBed.Token);
        using var nextGuess = await ListAsync(client, bed, "guess-next-0123456789abcdef");

        Assert.All(rights, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Append(HttpStatusCode.TooManyRequests), wrongs);
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nextGuess.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_but_not_counted_as_a_guess()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var client = LoopbackClient.From("127.0.0.6");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            using var anonymous = await client.GetAsync(bed.Bot.Url + "/api/review");
            statuses.Add(anonymous.StatusCode);
        }

        using var right = await ListAsync(client, bed, ReviewBed.Token);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Empty(bed.Bot.Logs.Warnings(3340));
    }

    internal static async Task<HttpResponseMessage> ListAsync(HttpClient client, ReviewBed bed, string token, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, bed.Bot.Url + "/api/review?status=pending");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }
}
