using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>Behind a load balancer, a maintainer signed in on one replica stays signed in on the other, and a form
/// one replica served is accepted by the other: the signing keys live in the shared database, encrypted.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed partial class SharedSignInTests(PostgresFixture postgres)
{
    private const string Secret = ReplicaSettings.KeyRingSecret;

    [Fact]
    public async Task A_sign_in_and_a_form_from_one_replica_are_good_on_the_other()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            // two processes as on two machines: each its own home folder, where ASP.NET Core would keep keys of its own
            using var homeA = new TempDirectory();
            using var homeB = new TempDirectory();
            await using var first = await ServeProcess.StartAsync(homeA.Path, Environment(database, homeA));
            await using var second = await ServeProcess.StartAsync(homeB.Path, Environment(database, homeB));
            using var api = new HttpClient();
            api.DefaultRequestHeaders.Authorization = new("Bearer", ReviewBed.Token);
            using var asked = await api.PostAsJsonAsync(first.Url + "/chat/messages", new { author = "alice", text = "@SofaBot " + ReviewBed.SuggestQuestion });
            asked.EnsureSuccessStatusCode();
            long id = 0;
            await Eventually.UntilAsync(async () => (await api.GetFromJsonAsync<JsonElement[]>(first.Url + "/api/review?status=pending"))!.FirstOrDefault() is { ValueKind: JsonValueKind.Object } item && (id = item.GetProperty("id").GetInt64()) > 0, "the review item");
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

            using var signedIn = await browser.PostAsync(first.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            // the same browser, now sent to the other replica (the cookie's host is 127.0.0.1 for both)
            var page = await browser.GetStringAsync(second.Url + "/review");
            Assert.Contains(ReviewBed.SuggestQuestion, page, StringComparison.Ordinal);

            var token = AntiforgeryField().Match(await browser.GetStringAsync(first.Url + "/review")).Groups["token"].Value;
            using var rejected = await browser.PostAsync($"{second.Url}/review/items/{id}/reject", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("notAQuestion", "true")]));
            Assert.Contains("not a question", Uri.UnescapeDataString(rejected.Headers.Location!.ToString()), StringComparison.Ordinal);

            // at rest: every stored key is sealed; none holds its master key in the clear
            var stored = await StoredKeysAsync(database);
            Assert.NotEmpty(stored);
            Assert.All(stored, xml =>
            {
                Assert.Contains("keyRingSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string> Environment(string database, TempDirectory home) => new()
    {
        ["HOME"] = home.Path,
        ["Corpus__Path"] = TestPaths.BundledCorpus,
        ["Storage__Provider"] = "postgres",
        ["Storage__Postgres__ConnectionString"] = database,
        ["Review__MaintainerToken"] = ReviewBed.Token,
        ["Review__KeyRingSecret"] = Secret,
    };

    [Fact]
    public async Task Replicas_on_postgres_without_the_secret_are_refused_naming_the_key()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            using var state = new TempDirectory();
            var settings = Shared(database, secret: null);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => BotUnderTest.StartAsync(state, settings));

            Assert.Contains("Review:KeyRingSecret is empty; with Storage:Provider Postgres the replicas share the review page's signing keys", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string?> Shared(string database, string? secret) => new()
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:Postgres:ConnectionString"] = database,
        ["Review:MaintainerToken"] = ReviewBed.Token,
        ["Review:KeyRingSecret"] = secret,
    };

    private static async Task<List<string>> StoredKeysAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
