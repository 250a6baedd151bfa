using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>The REST API maintainers' scripts use, against the real host: the token, the listing, approving,
/// rejecting, and every refusal (nothing posted, nothing lost).</summary>
public sealed class ReviewApiTests
{
    [Fact]
    public async Task Nothing_of_the_queue_is_visible_without_the_maintainer_token()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        using var wrong = new HttpClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReviewBed.Token + "x");

        using var missing = await bed.Anonymous.GetAsync(bed.Bot.Url + "/api/review?status=pending");
        using var wrongList = await wrong.GetAsync(bed.Bot.Url + "/api/review?status=pending");
        using var wrongApprove = await wrong.PostAsJsonAsync(bed.Bot.Url + "/api/review/1/approve", new { candidate = 1 });
        using var wrongReject = await wrong.PostAsJsonAsync(bed.Bot.Url + "/api/review/1/reject", new { });

        foreach (var response in new[] { missing, wrongList, wrongApprove, wrongReject })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(ReviewBed.SuggestQuestion, body, StringComparison.Ordinal);
        }

        Assert.Single(await bed.ItemsAsync());
        Assert.Single(await bed.BotMessagesAsync());
    }

    [Fact]
    public async Task A_suggested_reply_is_listed_with_the_question_the_asker_and_the_candidates()
    {
        await using var bed = await ReviewBed.StartAsync();
        var question = await bed.AskAsync(ReviewBed.SuggestQuestion, author: "王小明");

        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);

        Assert.Equal("local", item.GetProperty("channel").GetString());
        Assert.EndsWith("-" + question, item.GetProperty("messageId").GetString(), StringComparison.Ordinal);
        Assert.Equal("王小明", item.GetProperty("asker").GetString());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Equal("suggest", item.GetProperty("kind").GetString());
        Assert.Matches(@"^plausible match: confidence 0\.\d\d < 0\.\d\d", item.GetProperty("reason").GetString());
        Assert.Equal("the local chat", item.GetProperty("chat").GetString());
        Assert.True(item.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.MinValue);
        var candidate = item.GetProperty("candidates")[ReviewBed.CandidateOf(item, ReviewBed.SuggestAnswerPair) - 1];
        Assert.Contains("db 存储", candidate.GetProperty("question").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(candidate.GetProperty("answer").GetString()));
        Assert.Equal(ReviewBed.SuggestAnswerLink, candidate.GetProperty("link").GetString());
        Assert.True(candidate.GetProperty("score").GetSingle() > 0);
    }

    [Fact]
    public async Task Approving_a_candidate_posts_it_once_as_a_reply_to_the_question()
    {
        await using var bed = await ReviewBed.StartAsync();
        var question = await bed.AskAsync(ReviewBed.SuggestQuestion);
        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        var id = item.GetProperty("id").GetInt64();
        var k = ReviewBed.CandidateOf(item, ReviewBed.SuggestAnswerPair);

        using var approved = await bed.ApproveAsync(id, new { candidate = k });
        using var again = await bed.ApproveAsync(id, new { candidate = k });
        using var rejectedAfter = await bed.RejectAsync(id);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        Assert.Equal("maintainer", decided.GetProperty("decidedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already approved", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, rejectedAfter.StatusCode);

        var fromBot = await bed.BotMessagesAsync();
        Assert.Equal(2, fromBot.Count); // the "no confident answer" reply, then the approved answer
        var answer = fromBot[^1];
        Assert.Equal(question, answer.GetProperty("replyTo").GetInt64());
        var html = answer.GetProperty("html").GetString()!;
        Assert.Contains(ReviewBed.SuggestAnswerWord, html, StringComparison.Ordinal);
        Assert.Contains(ReviewBed.SuggestAnswerLink, html, StringComparison.Ordinal);
        Assert.Contains("sofa-weekly-20211210", html, StringComparison.Ordinal);
        Assert.Empty(await bed.ItemsAsync());
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_a_bad_status_filter_is_400()
    {
        await using var bed = await ReviewBed.StartAsync();

        using var approve = await bed.ApproveAsync(999, new { candidate = 1 });
        using var reject = await bed.RejectAsync(999);
        using var get = await bed.Api.GetAsync(bed.Bot.Url + "/api/review/999");
        using var status = await bed.Api.GetAsync(bed.Bot.Url + "/api/review?status=maybe");

        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reject.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Contains("pending", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_huge_or_malformed_answers_are_refused_and_the_item_stays_pending()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        var id = (await bed.PendingItemAsync(ReviewBed.SuggestQuestion)).GetProperty("id").GetInt64();

        using var empty = await bed.ApproveAsync(id, new { text = "" });
        using var blank = await bed.ApproveAsync(id, new { text = " \n\t " });
        using var huge = await bed.ApproveAsync(id, new { text = new string('长', 100_000) });
        using var noSuchCandidate = await bed.ApproveAsync(id, new { candidate = 9 });
        using var nothing = await bed.ApproveAsync(id, new { });
        using var notJson = await bed.Api.PostAsync($"{bed.Bot.Url}/api/review/{id}/approve", new StringContent("{candidate: 1", Encoding.UTF8, "application/json"));

        foreach (var response in new[] { empty, blank, huge, noSuchCandidate, nothing, notJson })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Contains("empty", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("100000 characters", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("candidates 1 to", await noSuchCandidate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await bed.ItemsAsync());
        Assert.Single(await bed.BotMessagesAsync());
    }

    [Fact]
    public async Task Html_in_a_maintainers_answer_reaches_the_chat_as_text_marked_as_reviewed()
    {
        await using var bed = await ReviewBed.StartAsync();
        var question = await bed.AskAsync("Layotto 支持 WebAssembly 吗");
        var item = await bed.PendingItemAsync("Layotto 支持 WebAssembly 吗");
        Assert.Equal("noanswer", item.GetProperty("kind").GetString());
        Assert.StartsWith("nothing close enough (confidence 0.", item.GetProperty("reason").GetString(), StringComparison.Ordinal);

        using var approved = await bed.ApproveAsync(item.GetProperty("id").GetInt64(), new { text = "支持，见 <script>alert(1)</script> 和 <b>wasm</b> 文档" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("edited", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var answer = (await bed.BotMessagesAsync())[^1];
        Assert.Equal(question, answer.GetProperty("replyTo").GetInt64());
        var html = answer.GetProperty("html").GetString()!;
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>wasm</b>", html, StringComparison.Ordinal);
        Assert.Contains("维护者审核", html, StringComparison.Ordinal);
        Assert.Contains("https://github.com/mosn/layotto", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_or_marking_not_a_question_posts_nothing()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        await bed.AskAsync("Layotto 支持 WebAssembly 吗");
        var items = await bed.ItemsAsync();

        using var rejected = await bed.RejectAsync(items[0].GetProperty("id").GetInt64());
        using var notAQuestion = await bed.RejectAsync(items[1].GetProperty("id").GetInt64(), new { notAQuestion = true });
        using var emptyBody = await bed.Api.PostAsync($"{bed.Bot.Url}/api/review/{items[0].GetProperty("id").GetInt64()}/reject", null);

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, notAQuestion.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, emptyBody.StatusCode);
        Assert.Equal("not a question", (await notAQuestion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetString());
        Assert.Empty(await bed.ItemsAsync());
        Assert.Equal(2, (await bed.ItemsAsync("rejected")).Length);
        Assert.Equal(2, (await bed.BotMessagesAsync()).Count);
    }

    [Fact]
    public async Task An_item_older_than_the_expiry_expires_and_is_never_posted()
    {
        var time = new InstantTime();
        await using var bed = await ReviewBed.StartAsync(new() { ["Review:ExpireAfterHours"] = "48" }, time);
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        await bed.AskAsync("Layotto 支持 WebAssembly 吗");
        var items = await bed.ItemsAsync();

        time.Advance(TimeSpan.FromHours(47));
        await bed.Bot.Services.GetRequiredService<SofaBot.Review.ReviewMaintenance>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, (await bed.ItemsAsync()).Length);

        time.Advance(TimeSpan.FromHours(2));
        using var late = await bed.ApproveAsync(items[0].GetProperty("id").GetInt64(), new { candidate = 1 });
        await bed.Bot.Services.GetRequiredService<SofaBot.Review.ReviewMaintenance>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await bed.ItemsAsync());
        Assert.Equal(2, (await bed.ItemsAsync("expired")).Length);
        Assert.Equal(2, (await bed.BotMessagesAsync()).Count);
    }
}
