using Microsoft.Extensions.Logging;

namespace SofaBot.Tests.Drafts;

/// <summary><c>Assistant:TranslateAnswers</c>: an English question auto-answered from a Chinese weekly gets an English
/// rendering under the original, marked as machine-translated; a model that fails or is slow leaves the original alone,
/// with one warning. Off, nothing is translated.</summary>
public sealed class AnswerTranslationTests
{
    /// <summary>Answered confidently from the bundled corpus by a Chinese pair (SOFAJRaft, weekly 2021-12-03).</summary>
    private const string EnglishQuestion = "jraft cluster of 5 nodes, one node is down and the other four are split 2+2 by the network, is the cluster still available?";

    private const string Translation = "Yes: with 2|2 no side has a majority of the 5 nodes, so no leader can be elected until the partition heals.";

    [Fact]
    public async Task An_english_question_answered_from_a_chinese_weekly_gets_a_marked_translation_under_the_answer()
    {
        await using var bed = await DraftBed.StartAsync(Translation + " Log in at https://evil.example/jraft first.", new() { ["Assistant:TranslateAnswers"] = "true" });

        await bed.Review.AskAsync(EnglishQuestion);

        var html = Assert.Single(await bed.Review.BotMessagesAsync()).GetProperty("html").GetString()!;
        var marker = html.IndexOf("In English (machine-translated):", StringComparison.Ordinal);
        Assert.True(marker > html.IndexOf("可用", StringComparison.Ordinal), html);
        Assert.Contains(Translation, html[marker..], StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        var request = Assert.Single(bed.ChatModel.Requests);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Contains($"tokens: {FakeChatServer.PromptTokens} prompt, {FakeChatServer.CompletionTokens} completion", Assert.Single(bed.Review.Bot.Logs.Entries, e => e.EventId.Id == 3815).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_model_leaves_the_answer_alone_with_one_warning()
    {
        await using var bed = await DraftBed.StartAsync(Translation, new() { ["Assistant:TranslateAnswers"] = "true", ["Assistant:TimeoutSeconds"] = "1" }, ChatBehaviour.Hang);

        await bed.Review.AskAsync(EnglishQuestion);

        var html = Assert.Single(await bed.Review.BotMessagesAsync()).GetProperty("html").GetString()!;
        Assert.DoesNotContain("machine-translated", html, StringComparison.Ordinal);
        var warning = Assert.Single(bed.Review.Bot.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("SofaBot.Drafts", StringComparison.Ordinal));
        Assert.Contains("without an English translation: no answer within 1 s", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_by_default_and_never_for_a_chinese_question()
    {
        await using var bed = await DraftBed.StartAsync(Translation);
        await using var on = await DraftBed.StartAsync(Translation, new() { ["Assistant:TranslateAnswers"] = "true" });

        await bed.Review.AskAsync(EnglishQuestion);
        await on.Review.AskAsync(Telegram.TelegramBed.AnswerableQuestion);

        Assert.DoesNotContain("machine-translated", Assert.Single(await bed.Review.BotMessagesAsync()).GetProperty("html").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("machine-translated", Assert.Single(await on.Review.BotMessagesAsync()).GetProperty("html").GetString()!, StringComparison.Ordinal);
        Assert.Empty(bed.ChatModel.Requests);
        Assert.Empty(on.ChatModel.Requests);
    }
}
