using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Drafts;

/// <summary>Drafts for the maintainers, end to end: the real host asked in its local chat, a fake OpenAI-compatible
/// chat model on loopback, the review API. A draft is grounded in the item, never posted without a maintainer, and a
/// model that is slow, failing or malformed leaves the item without one, with one warning, while the asker's reply
/// goes out as always.</summary>
public sealed class DraftReviewTests
{
    [Fact]
    public async Task A_suggest_item_gets_a_draft_in_the_API_and_approving_the_draft_posts_it_to_the_asker()
    {
        await using var bed = await DraftBed.StartAsync(DraftBed.Json(1, DraftBed.GoodDraft));
        var id = await bed.AskSuggestAsync();

        var item = await bed.Review.Api.GetFromJsonAsync<JsonElement>($"{bed.Review.Bot.Url}/api/review/{id}");
        var draft = (await bed.DraftedItemAsync(id)).GetProperty("draft");
        Assert.Equal(DraftBed.GoodDraft, draft.GetProperty("text").GetString());
        Assert.Equal(DraftBed.Model, draft.GetProperty("model").GetString());
        Assert.Equal(1, draft.GetProperty("candidate").GetInt32());
        Assert.True(draft.GetProperty("createdAt").GetDateTimeOffset() >= item.GetProperty("createdAt").GetDateTimeOffset());

        // grounded: the model saw the question and the candidates' answers, and was asked for the asker's language
        var request = Assert.Single(bed.ChatModel.Requests);
        Assert.Equal(DraftBed.Model, request.Model);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Contains(ReviewBed.SuggestQuestion, request.AllText, StringComparison.Ordinal);
        foreach (var candidate in item.GetProperty("candidates").EnumerateArray())
        {
            Assert.Contains(candidate.GetProperty("answer").GetString()!, request.AllText, StringComparison.Ordinal);
        }

        Assert.Contains("Simplified Chinese", request.AllText, StringComparison.Ordinal);

        // the usage of each draft is logged
        var drafted = Assert.Single(bed.Review.Bot.Logs.Entries, e => e.EventId.Id == 3800);
        Assert.Contains($"tokens: {FakeChatServer.PromptTokens} prompt, {FakeChatServer.CompletionTokens} completion", drafted.Message, StringComparison.Ordinal);

        // nothing was posted until a maintainer approved the draft
        Assert.Single(await bed.Review.BotMessagesAsync());
        using var approved = await bed.Review.ApproveAsync(id, new { draft = true });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("edited", decided.GetProperty("status").GetString());
        Assert.Equal(DraftBed.GoodDraft, decided.GetProperty("answer").GetString());
        Assert.Equal("maintainer", decided.GetProperty("decidedBy").GetString());
        var posted = (await bed.Review.BotMessagesAsync())[^1].GetProperty("html").GetString()!;
        Assert.Contains("OceanBase", posted, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Review.Bot.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("SofaBot.Drafts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approving_the_draft_of_an_item_without_one_is_refused_and_sends_nothing()
    {
        await using var bed = await DraftBed.StartAsync("", behaviour: ChatBehaviour.ServerError);
        var id = await bed.AskSuggestAsync();
        await bed.WarnedAsync(3802);

        using var refused = await bed.Review.ApproveAsync(id, new { draft = true });
        using var both = await bed.Review.ApproveAsync(id, new { draft = true, candidate = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"item {id} has no draft", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Single(await bed.Review.BotMessagesAsync());
        Assert.Single(await bed.Review.ItemsAsync());
    }

    [Fact]
    public async Task A_link_the_candidates_do_not_give_is_removed_before_anyone_sees_the_draft()
    {
        const string Phishing = "先在 https://sofastack.example-login.com/verify?u=1 登录，再看 [官方文档](http://evil.example/docs) 和 www.evil.example。SOFARegistry 兼容 MySQL，见 " + ReviewBed.SuggestAnswerLink + "。";
        await using var bed = await DraftBed.StartAsync(DraftBed.Json(1, Phishing));
        var id = await bed.AskSuggestAsync();

        var text = (await bed.DraftedItemAsync(id)).GetProperty("draft").GetProperty("text").GetString()!;

        Assert.DoesNotContain("example-login", text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", text, StringComparison.Ordinal);
        Assert.Contains("官方文档", text, StringComparison.Ordinal);
        Assert.Contains(ReviewBed.SuggestAnswerLink + "。", text, StringComparison.Ordinal);
        Assert.Contains("3 links outside the candidates removed", Assert.Single(bed.Review.Bot.Logs.Entries, e => e.EventId.Id == 3800).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SOFARegistry 兼容 MySQL。")]
    [InlineData("{\"candidate\": 7, \"answer\": \"SOFARegistry 兼容 MySQL。\"}")]
    [InlineData("{\"answer\": \"SOFARegistry 兼容 MySQL。\"}")]
    [InlineData("")]
    public async Task A_malformed_answer_leaves_no_draft_and_one_warning(string content)
    {
        await using var bed = await DraftBed.StartAsync(content);
        var id = await bed.AskSuggestAsync();

        await bed.WarnedAsync(3803);
        await bed.Review.Bot.IdleAsync();

        var item = await bed.Review.Api.GetFromJsonAsync<JsonElement>($"{bed.Review.Bot.Url}/api/review/{id}");
        Assert.Equal(JsonValueKind.Null, item.GetProperty("draft").ValueKind);
        Assert.Single(bed.Review.Bot.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("SofaBot.Drafts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_model_does_not_hold_up_the_reply_and_leaves_no_draft_with_one_warning()
    {
        await using var bed = await DraftBed.StartAsync(DraftBed.Json(1, DraftBed.GoodDraft), new() { ["Assistant:TimeoutSeconds"] = "2" }, ChatBehaviour.Hang);

        var id = await bed.AskSuggestAsync();

        // the asker has the reply while the model is still thinking
        Assert.Single(await bed.Review.BotMessagesAsync());
        Assert.Empty(bed.Review.Bot.Logs.Warnings(3801));

        await bed.WarnedAsync(3801);
        var item = await bed.Review.Api.GetFromJsonAsync<JsonElement>($"{bed.Review.Bot.Url}/api/review/{id}");
        Assert.Equal(JsonValueKind.Null, item.GetProperty("draft").ValueKind);
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Single(bed.Review.Bot.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("SofaBot.Drafts", StringComparison.Ordinal));
        Assert.Contains("did not answer within 2 s", bed.Review.Bot.Logs.Warnings(3801)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_leaves_no_draft_with_one_warning_and_the_next_start_drafts_the_item()
    {
        await using var bed = await DraftBed.StartAsync(DraftBed.Json(2, DraftBed.GoodDraft), behaviour: ChatBehaviour.ServerError);
        var id = await bed.AskSuggestAsync();
        await bed.WarnedAsync(3802);
        Assert.Single(bed.Review.Bot.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("SofaBot.Drafts", StringComparison.Ordinal));
        Assert.Single(bed.ChatModel.Requests);

        bed.ChatModel.Behaviour = ChatBehaviour.Answer;
        await bed.Review.RestartAsync();

        var draft = (await bed.DraftedItemAsync(id)).GetProperty("draft");
        Assert.Equal(2, draft.GetProperty("candidate").GetInt32());
        Assert.Equal(2, bed.ChatModel.Requests.Count);
    }

    [Fact]
    public async Task Without_assistant_settings_nothing_changes_no_draft_and_no_model_call()
    {
        await using var bed = await ReviewBed.StartAsync();

        await bed.AskAsync(ReviewBed.SuggestQuestion);
        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        await bed.RestartAsync();

        Assert.Equal(JsonValueKind.Null, item.GetProperty("draft").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await bed.PendingItemAsync(ReviewBed.SuggestQuestion)).GetProperty("draft").ValueKind);
        Assert.DoesNotContain(bed.Bot.Logs.Entries, e => e.Category.StartsWith("SofaBot.Drafts", StringComparison.Ordinal));
    }
}
