using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SofaBot.Review;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>A review item outlives the corpus it was opened on. After the corpus changes, a candidate whose pair is
/// gone, or reads differently now, is marked as such and cannot be sent as it is: the maintainer would send something
/// they never read. Edited, its text can still be sent.</summary>
public sealed class CorpusChangeTests
{
    /// <summary>The two candidates of <see cref="ReviewBed.SuggestQuestion"/> printed in the weekly the test removes.</summary>
    private const string RemovedWeekly = "sofa-weekly-20211210.md";

    [Fact]
    public async Task A_candidate_gone_from_the_corpus_is_marked_and_refused_unless_edited()
    {
        using var corpus = CopyOfBundledCorpus();
        await using var bed = await ReviewBed.StartAsync(new() { ["Corpus:Path"] = corpus.Path });
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        var id = (await bed.PendingItemAsync(ReviewBed.SuggestQuestion)).GetProperty("id").GetInt64();

        File.Delete(corpus.Combine(RemovedWeekly));
        await bed.RestartAsync();
        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        var gone = ReviewBed.CandidateOf(item, ReviewBed.SuggestAnswerPair);
        var current = Enumerable.Range(1, item.GetProperty("candidates").GetArrayLength())
            .First(k => !item.GetProperty("candidates")[k - 1].GetProperty("pairId").GetString()!.StartsWith("sofa-weekly-20211210:", StringComparison.Ordinal));

        using var refused = await bed.ApproveAsync(id, new { candidate = gone });
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        var page = await SignedInPageAsync(bed);

        Assert.False(item.GetProperty("candidates")[gone - 1].GetProperty("inCorpus").GetBoolean());
        Assert.True(item.GetProperty("candidates")[current - 1].GetProperty("inCorpus").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($"candidate {gone} cannot be sent as it is: the corpus changed since item {id} was opened (pair {ReviewBed.SuggestAnswerPair} is no longer in the corpus); edit it to send its text as a new answer, or reject", error);
        Assert.Contains($"Not in the corpus any more: pair {ReviewBed.SuggestAnswerPair} is no longer in the corpus", page, StringComparison.Ordinal);
        Assert.DoesNotContain($">Send #{gone}<", page, StringComparison.Ordinal);
        Assert.Contains($">Send #{current}<", page, StringComparison.Ordinal);
        Assert.Contains($"Edit #{gone} then send", page, StringComparison.Ordinal);
        Assert.Empty(await bed.BotMessagesAsync()); // the local chat starts empty after the restart: nothing was posted since
        Assert.Single(await bed.ItemsAsync());

        using var edited = await bed.ApproveAsync(id, new { candidate = gone, text = "SOFARegistry 用 OceanBase 存储，代码兼容 MySQL。" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains("兼容 MySQL", (await bed.BotMessagesAsync())[^1].GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_whose_answer_was_corrected_in_the_weekly_reads_differently()
    {
        var index = await TestIndex.Bundled;
        var pair = index.FindPair(ReviewBed.SuggestAnswerPair)!;
        var shown = ReviewCandidates.From(new SofaBot.Retrieval.Candidate(pair, 0, 0, 0, 0.9f));
        var check = new CorpusCheck(index);

        Assert.Null(check.Changed(shown));
        Assert.Equal($"pair {ReviewBed.SuggestAnswerPair} reads differently in the corpus now", check.Changed(shown with { Answer = shown.Answer + " (old wording)" }));
        Assert.Equal("pair sofa-weekly-20991231:1 is no longer in the corpus", check.Changed(shown with { PairId = "sofa-weekly-20991231:1" }));
    }

    private static TempDirectory CopyOfBundledCorpus()
    {
        var copy = new TempDirectory();
        foreach (var file in Directory.GetFiles(TestPaths.BundledCorpus))
        {
            File.Copy(file, copy.Combine(Path.GetFileName(file)));
        }

        return copy;
    }

    private static async Task<string> SignedInPageAsync(ReviewBed bed)
    {
        using var maintainer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        using var signedIn = await maintainer.PostAsync(bed.Bot.Url + "/review/sign-in", new FormUrlEncodedContent([new("token", ReviewBed.Token)]));
        return await maintainer.GetStringAsync(bed.Bot.Url + "/review");
    }
}
