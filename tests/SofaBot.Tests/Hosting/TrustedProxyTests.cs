using System.Net;
using Microsoft.Extensions.Options;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Hosting;

/// <summary>Behind a reverse proxy terminating TLS, over real HTTP: the proxies of Hosting:TrustedProxies (loopback
/// by default) say whether the client came over HTTPS and who it is, so the sign-in cookie is Secure and the limits
/// count each client on its own; the same headers from anyone else change nothing.</summary>
public sealed class TrustedProxyTests
{
    private const string Client = "203.0.113.7";
    private const string OtherClient = "198.51.100.9";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("192.0.2.1, 127.0.0.1")]
    public async Task Behind_a_trusted_proxy_saying_https_the_sign_in_cookie_is_secure_and_hsts_is_sent(string? trusted)
    {
        await using var bed = await ReviewBed.StartAsync(new() { ["Hosting:TrustedProxies:0"] = trusted });
        using var proxy = LoopbackClient.From("127.0.0.1");

        using var signIn = await SignInAsync(proxy, bed, ReviewBed.Token, Client, "https");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("secure", ReviewCookie(signIn), StringComparison.OrdinalIgnoreCase);
        Assert.True(signIn.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task From_an_address_not_trusted_forwarded_https_is_ignored()
    {
        await using var bed = await ReviewBed.StartAsync(new() { ["Hosting:TrustedProxies:0"] = "10.0.0.0/8" });
        using var stranger = LoopbackClient.From("127.0.0.1");

        using var signIn = await SignInAsync(stranger, bed, ReviewBed.Token, Client, "https");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("secure", ReviewCookie(signIn), StringComparison.OrdinalIgnoreCase);
        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_forged_x_forwarded_for_from_an_address_not_trusted_does_not_dodge_the_limits()
    {
        await using var bed = await ReviewBed.StartAsync(new() { ["Hosting:TrustedProxies:0"] = "192.0.2.1" });
        using var guesser = LoopbackClient.From("127.0.0.7");

        var api = new List<HttpStatusCode>();
        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            // a fresh "client" every time: were the header read, no address would ever reach its limit
            using var guess = await ApiTokenGuessingTests.ListAsync(guesser, bed, $"guess-{i:D4}-0123456789abcdef", $"198.51.100.{i + 1}");
            api.Add(guess.StatusCode);
            using var signIn = await SignInAsync(guesser, bed, $"guess-{i:D4}-0123456789abcdef", $"198.51.100.{i + 1}", "http");
            signIns.Add(signIn.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Append(HttpStatusCode.TooManyRequests), api);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Append(HttpStatusCode.TooManyRequests), signIns);
        Assert.All(bed.Bot.Logs.Warnings(3340), w => Assert.Contains("127.0.0.7", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Through_a_trusted_proxy_each_client_is_counted_on_its_own()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var proxy = LoopbackClient.From("127.0.0.1");
        for (var i = 0; i < 11; i++)
        {
            using var guess = await ApiTokenGuessingTests.ListAsync(proxy, bed, $"guess-{i:D4}-0123456789abcdef", Client);
            using var signIn = await SignInAsync(proxy, bed, $"guess-{i:D4}-0123456789abcdef", Client, "https");
        }

        using var guesserApi = await ApiTokenGuessingTests.ListAsync(proxy, bed, ReviewBed.Token, Client);
        using var guesserSignIn = await SignInAsync(proxy, bed, ReviewBed.Token, Client, "https");
        using var maintainerApi = await ApiTokenGuessingTests.ListAsync(proxy, bed, ReviewBed.Token, OtherClient);
        using var maintainerSignIn = await SignInAsync(proxy, bed, ReviewBed.Token, OtherClient, "https");

        Assert.Equal(HttpStatusCode.TooManyRequests, guesserApi.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, guesserSignIn.StatusCode);
        // before, every client behind the proxy had the proxy's address: ten wrong sign-ins locked everyone out
        Assert.Equal(HttpStatusCode.OK, maintainerApi.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, maintainerSignIn.StatusCode);
        Assert.All(bed.Bot.Logs.Warnings(3340), w => Assert.Contains(Client, w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_trusted_proxy_stops_start_up_naming_the_key()
    {
        using var state = new TempDirectory();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => BotUnderTest.StartAsync(state, new Dictionary<string, string?>
        {
            ["Hosting:TrustedProxies:0"] = "10.0.0.1/8",
            ["Hosting:TrustedProxies:1"] = "127.0.0.1, proxy.internal",
        }));

        Assert.Contains("Hosting:TrustedProxies:0 has \"10.0.0.1/8\", neither an IP address", e.Message, StringComparison.Ordinal);
        Assert.Contains("Hosting:TrustedProxies:1 has \"proxy.internal\"", e.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, ReviewBed bed, string token, string forwardedFor, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, bed.Bot.Url + "/review/sign-in")
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return await client.SendAsync(request);
    }

    private static string ReviewCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sofabot_review=", StringComparison.Ordinal));
}
