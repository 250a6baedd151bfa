using System.Net;
using Microsoft.Data.Sqlite;

namespace SofaBot.Tests.Review;

/// <summary>One host on SQLite: the review page's signing keys are kept in the database file, sealed with a secret the
/// host made for itself beside it (readable by its user alone), so a sign-in survives a restart.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task A_sign_in_survives_a_restart_and_the_stored_keys_are_sealed()
    {
        await using var bed = await ReviewBed.StartAsync();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        using var signedIn = await browser.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        await bed.RestartAsync();

        Assert.Contains("Sign out", await browser.GetStringAsync(bed.Bot.Url + "/review"), StringComparison.OrdinalIgnoreCase);
        var secret = Directory.GetFiles(bed.State.Path, "keyring.secret", SearchOption.AllDirectories).Single();
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        }
        await using var connection = new SqliteConnection($"Data Source={Directory.GetFiles(bed.State.Path, "*.db", SearchOption.AllDirectories).Single()};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT group_concat(xml) FROM data_protection_keys", connection);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.Contains("keyRingSecret", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", stored, StringComparison.Ordinal);
    }
}
