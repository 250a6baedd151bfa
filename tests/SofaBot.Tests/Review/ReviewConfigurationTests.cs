using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SofaBot.Review.Web;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>Bad review settings stop start-up naming the key (never the token); no token at all makes one up for the
/// run and says so once.</summary>
public sealed class ReviewConfigurationTests
{
    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var state = new TempDirectory();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => BotUnderTest.StartAsync(state, settings));
        return e.Message;
    }

    [Fact]
    public async Task A_short_token_stops_start_up_naming_the_key_but_not_the_token()
    {
        var message = await StartFailureAsync(new() { ["Review:MaintainerToken"] = "hunter2", ["Review:MaintainerTokens:bob"] = "abc" });

        Assert.Contains("Review:MaintainerToken is 7 characters; use at least 16", message, StringComparison.Ordinal);
        Assert.Contains("Review:MaintainerTokens:bob is shorter than 16", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_verdict_memory_and_language_settings_stop_start_up_naming_the_key()
    {
        var memory = await StartFailureAsync(new() { ["Review:RememberVerdictDays"] = "-1", ["Review:LearnedSyncSeconds"] = "-5" });
        var language = await StartFailureAsync(new() { ["Chat:Language"] = "fr" });

        Assert.Contains("Review:RememberVerdictDays is -1; use 0 (forget at once) to 3650", memory, StringComparison.Ordinal);
        Assert.Contains("Review:LearnedSyncSeconds is -5; use 0 (off) to 3600", memory, StringComparison.Ordinal);
        Assert.Contains("Chat:Language is \"fr\"; use auto (follow the messages), zh or en", language, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_chat_needs_maintainers_and_the_telegram_bot()
    {
        var message = await StartFailureAsync(new() { ["Review:TelegramChatId"] = "-100123" });

        Assert.Contains("Review:MaintainerUserIds is empty", message, StringComparison.Ordinal);
        Assert.Contains("Channels:Telegram:BotToken is not", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_one_is_made_up_for_the_run_logged_once_and_it_signs_in()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);

        var token = bot.Services.GetRequiredService<ReviewAccess>().GeneratedToken;
        Assert.NotNull(token);
        Assert.Single(bot.Logs.Entries, e => e.EventId.Id == 3331 && e.Message.Contains(token, StringComparison.Ordinal));
        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync(bot.Url + "/api/review")).StatusCode);
    }

    [Fact]
    public async Task A_configured_token_is_never_printed_and_no_other_token_is_made_up()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state, new Dictionary<string, string?> { ["Review:MaintainerToken"] = ReviewBed.Token });

        Assert.Null(bot.Services.GetRequiredService<ReviewAccess>().GeneratedToken);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(ReviewBed.Token, StringComparison.Ordinal));
    }
}
