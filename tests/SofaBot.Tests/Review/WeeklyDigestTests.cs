using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Learning;
using SofaBot.Review;
using SofaBot.Review.Web;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Review;

/// <summary><c>GET /api/digest</c> on the real host: questions asked in its local chat, decided through the review
/// API, voted on through the feedback path, then the week's digest, read back by the real corpus loader.</summary>
public sealed class WeeklyDigestTests
{
    private const string OldQuestion = "MOSN 支持 HTTP/3 吗";
    private const string OldAnswer = "还不支持，可以关注 MOSN 的 roadmap。";
    private const string EditedQuestion = "Does Seata support MongoDB?";
    private const string EditedAnswer = "Not yet: the AT mode needs a relational database with an `undo_log` table.";
    private const string ThumbsDownQuestion = "jraft 5 nodes, one died, the other four were split 2+2 by the network, is the cluster still available?";
    private const string NoAnswerQuestion = "How do I archive jraft logs?";
    private const string RejectedQuestion = "jraft 的 snapshot 多久打一次";
    private const string NotAQuestion = "SOFAArk 支持热部署吗";

    [Fact]
    public async Task The_weeks_digest_lists_good_answers_then_what_is_unanswered_and_reads_back_as_the_same_pairs()
    {
        await using var bed = await StartWeekAsync();

        var markdown = await DigestAsync(bed, "?since=7d");

        var (answered, unanswered) = Split(markdown);
        Assert.Contains("**@张三（2 人问过）** 提问：", answered, StringComparison.Ordinal);
        Assert.Contains("**@alice** 提问：", answered, StringComparison.Ordinal);
        Assert.Contains("**@王五** 提问：", answered, StringComparison.Ordinal);
        Assert.DoesNotContain(OldQuestion, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(NotAQuestion, markdown, StringComparison.Ordinal);
        Assert.Contains(NoAnswerQuestion, unanswered, StringComparison.Ordinal);
        Assert.Contains(RejectedQuestion, unanswered, StringComparison.Ordinal);
        Assert.Contains(ThumbsDownQuestion, unanswered, StringComparison.Ordinal);
        Assert.Contains("（没有找到答案，等待审核）", unanswered, StringComparison.Ordinal);
        Assert.Contains("维护者审核后没有回答", unanswered, StringComparison.Ordinal);
        Assert.Contains("自动回答被点了 👎", unanswered, StringComparison.Ordinal);

        // the key property: the digest, put in a corpus folder, is read back by the real loader as the week's pairs
        using var corpus = new TempDirectory();
        corpus.Write(DigestWeeklyWriter.FileName(new DateOnly(2026, 11, 29)), markdown);
        var read = TestCorpus.Load(corpus.Path);
        var suggested = bed.Bot.Services.GetRequiredService<SofaBot.Hosting.KnowledgeIndexService>();
        var index = await suggested.GetAsync(CancellationToken.None);
        var registryAnswer = index.FindPair(ReviewBed.SuggestAnswerPair)!.Answer;
        var jraftAnswer = index.FindPair("sofa-weekly-20211203:3")!.Answer;
        Assert.Equal(
            [(ReviewBed.SuggestQuestion, registryAnswer, "张三（2 人问过）"), (EditedQuestion, EditedAnswer, "alice"), (AnswerableQuestion, jraftAnswer, "王五")],
            read.Pairs.Select(p => (p.Question, p.Answer, p.Asker)));
        Assert.Equal(["SOFARegistry", "Seata", "SOFAJRaft"], read.Pairs.Select(p => p.Project.Name));
        Assert.Empty(read.Warnings);
    }

    [Fact]
    public async Task A_longer_period_takes_in_older_answers_and_anonymous_names_every_asker_匿名()
    {
        await using var bed = await StartWeekAsync();

        var month = await DigestAsync(bed, "?since=2w&anonymous=true");

        var (answered, unanswered) = Split(month);
        Assert.Contains(OldQuestion, answered, StringComparison.Ordinal);
        Assert.Contains(OldAnswer, answered, StringComparison.Ordinal);
        Assert.Contains("**@匿名（2 人问过）** 提问：", answered, StringComparison.Ordinal);
        foreach (var name in new[] { "张三", "李四", "王五", "alice", "bob", "carol", "dave", "old-asker" })
        {
            Assert.DoesNotContain(name, month, StringComparison.Ordinal);
        }

        Assert.Contains("**@匿名** 提问：", unanswered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_needs_a_maintainer_token_and_says_which_parameter_is_wrong()
    {
        await using var bed = await ReviewBed.StartAsync();

        using var none = await bed.Anonymous.GetAsync(bed.Bot.Url + "/api/digest");
        using var wrong = new HttpClient();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");
        using var guessed = await wrong.GetAsync(bed.Bot.Url + "/api/digest?since=7d");
        using var badPeriod = await bed.Api.GetAsync(bed.Bot.Url + "/api/digest?since=7x");
        using var badFlag = await bed.Api.GetAsync(bed.Bot.Url + "/api/digest?anonymous=yes");
        using var good = await bed.Api.GetAsync(bed.Bot.Url + "/api/digest");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.StartsWith("since: \"7x\" is not a period", JsonDocument.Parse(await badPeriod.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFlag.StatusCode);
        Assert.Contains("anonymous", await badFlag.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(DigestApi.ContentType, good.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", good.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("### 每周读者问答提炼", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A bed with two weeks behind it. Eight days ago: an answer approved. This week: a question two
    /// askers asked, approved as candidate; an English one answered with an edit; an automatic answer with 👍 and one
    /// with 👎; a question nobody answered; a rejection; a "not a question".</summary>
    private static async Task<ReviewBed> StartWeekAsync()
    {
        var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(OldQuestion, "old-asker");
        await ApproveAsync(bed, OldQuestion, new { text = OldAnswer });
        bed.Bot.Time.Advance(TimeSpan.FromDays(8));

        await bed.AskAsync(ReviewBed.SuggestQuestion, "张三");
        await bed.AskAsync(ReviewBed.SuggestQuestion, "李四");
        var suggested = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        Assert.Equal(2, suggested.GetProperty("askedCount").GetInt32());
        await ApproveAsync(bed, ReviewBed.SuggestQuestion, new { candidate = ReviewBed.CandidateOf(suggested, ReviewBed.SuggestAnswerPair) });

        await bed.AskAsync(EditedQuestion, "alice");
        await ApproveAsync(bed, EditedQuestion, new { text = EditedAnswer });

        await bed.AskAsync(AnswerableQuestion, "王五");
        await VoteAsync(bed, AnswerableQuestion, helpful: true);
        await bed.AskAsync(ThumbsDownQuestion, "bob");
        await VoteAsync(bed, ThumbsDownQuestion, helpful: false);

        await bed.AskAsync(NoAnswerQuestion, "carol");
        await bed.AskAsync(RejectedQuestion, "dave");
        using (var rejected = await bed.RejectAsync((await bed.PendingItemAsync(RejectedQuestion)).GetProperty("id").GetInt64()))
        {
            rejected.EnsureSuccessStatusCode();
        }

        await bed.AskAndRejectAsync(NotAQuestion, new { notAQuestion = true });
        return bed;
    }

    private static async Task ApproveAsync(ReviewBed bed, string question, object body)
    {
        using var approved = await bed.ApproveAsync((await bed.PendingItemAsync(question)).GetProperty("id").GetInt64(), body);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    /// <summary>👍 or 👎 on the bot's automatic answer to the question, as the Telegram buttons record it.</summary>
    private static async Task VoteAsync(ReviewBed bed, string question, bool helpful)
    {
        var decision = (await bed.Bot.Services.GetRequiredService<IDecisionLog>().ListAsync(CancellationToken.None)).Last(d => d.QuestionText == question);
        Assert.True(decision.Answered, $"the bot did not answer \"{question}\" on its own");
        var result = await bed.Bot.Services.GetRequiredService<ReviewQueue>().FeedbackAsync(decision.Question, "voter", helpful, CancellationToken.None);
        Assert.True(result.Known);
    }

    private static async Task<string> DigestAsync(ReviewBed bed, string query)
    {
        using var response = await bed.Api.GetAsync(bed.Bot.Url + "/api/digest" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The Q&amp;A section and the unanswered list.</summary>
    private static (string Answered, string Unanswered) Split(string markdown)
    {
        var at = markdown.IndexOf("### " + DigestWeeklyWriter.UnansweredTitle, StringComparison.Ordinal);
        Assert.True(at > 0, "the digest has no unanswered list");
        return (markdown[..at], markdown[at..]);
    }
}
