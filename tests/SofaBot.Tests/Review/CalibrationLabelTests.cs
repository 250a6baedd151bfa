using Microsoft.Extensions.DependencyInjection;
using SofaBot.Answering;
using SofaBot.Answering.Calibration;
using SofaBot.Cli;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.Review;

/// <summary>What each maintainer outcome and each 👍/👎 teaches calibration, through the real host: the decision log
/// keeps the evidence of the bot's decision, and <c>calibrate</c>'s review log labels it as the README says.</summary>
public sealed class CalibrationLabelTests
{
    public enum Outcome
    {
        SendTopCandidate,
        SendTopCandidateEdited,
        SendAnotherCandidate,
        NewAnswer,
        Reject,
        NotAQuestion,
        Pending,
    }

    [Theory]
    [InlineData(Outcome.SendTopCandidate, true)]
    [InlineData(Outcome.SendTopCandidateEdited, true)]
    [InlineData(Outcome.SendAnotherCandidate, false)]
    [InlineData(Outcome.NewAnswer, false)]
    [InlineData(Outcome.Reject, false)]
    [InlineData(Outcome.NotAQuestion, false)]
    [InlineData(Outcome.Pending, null)]
    public async Task A_maintainers_decision_labels_the_bots_best_match(Outcome outcome, bool? right)
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(ReviewBed.SuggestQuestion);
        var item = await bed.PendingItemAsync(ReviewBed.SuggestQuestion);
        var id = item.GetProperty("id").GetInt64();

        using var decided = outcome switch
        {
            Outcome.SendTopCandidate => await bed.ApproveAsync(id, new { candidate = 1 }),
            Outcome.SendTopCandidateEdited => await bed.ApproveAsync(id, new { candidate = 1, text = "Raft 里叫 learner，JRaft 也支持。" }),
            Outcome.SendAnotherCandidate => await bed.ApproveAsync(id, new { candidate = 2 }),
            Outcome.NewAnswer => await bed.ApproveAsync(id, new { text = "用 learner。" }),
            Outcome.Reject => await bed.RejectAsync(id),
            Outcome.NotAQuestion => await bed.RejectAsync(id, new { notAQuestion = true }),
            _ => new HttpResponseMessage(System.Net.HttpStatusCode.OK),
        };
        decided.EnsureSuccessStatusCode();

        var set = await ReviewLogAsync(bed.Bot.Services);
        if (right is null)
        {
            Assert.Empty(set.Rows);
            return;
        }

        var row = Assert.Single(set.Rows);
        Assert.Equal(right, row.Right);
        Assert.Contains(row.Features, f => f != 0);
    }

    [Theory]
    [InlineData("+", true)]
    [InlineData("-", false)]
    public async Task A_vote_on_an_answer_labels_it(string vote, bool right)
    {
        await using var bed = await TelegramBed.StartAsync(TelegramBed.ReviewSettings);
        var question = Updates.Text($"@{FakeTelegramServer.BotUsername} {TelegramBed.AnswerableQuestion}");
        await bed.DeliverAsync(question);
        var answer = Assert.Single(await bed.Server.WaitForSentAsync(1));

        await bed.DeliverAsync(Updates.Press(Updates.Bob, answer, $"fb:{vote}:{question["message"]!["message_id"]}"));

        var row = Assert.Single((await ReviewLogAsync(bed.Bot.Services)).Rows);
        Assert.Equal(right, row.Right);
        Assert.True(row.MayAnswer);
    }

    [Fact]
    public void A_maintainers_decision_outranks_the_votes_and_a_tie_says_nothing()
    {
        var key = new MessageKey("telegram", "-1", "5");
        var decision = new DecisionRecord { Question = key, QuestionText = "q", Kind = DecisionKind.Answer, Top = new("p:1", 0), At = DateTimeOffset.UnixEpoch };
        AnswerFeedback[] tie = [new(key, "a", true, DateTimeOffset.UnixEpoch), new(key, "b", false, DateTimeOffset.UnixEpoch)];
        var approved = new ReviewItem
        {
            Reason = ReviewReason.Feedback,
            Message = new IncomingMessage { Key = key, Text = "q", SenderId = "a", Addressing = Addressing.Mention },
            Candidates = [new("p:9", 0, "", "", "", "", "", "", 0), new("p:1", 0, "", "", "", "", "", "", 0)],
            CreatedAt = DateTimeOffset.UnixEpoch,
            Status = ReviewStatus.Approved,
            Chosen = 2,
            DecidedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Null(DecisionLabels.Of(decision, [], tie));
        Assert.True(DecisionLabels.Of(decision, [approved], [tie[1]]));
        Assert.False(DecisionLabels.Of(decision, [approved with { Chosen = 1 }], [tie[0]]));
        Assert.False(DecisionLabels.Of(decision, [approved with { Status = ReviewStatus.Rejected, Chosen = null }], [tie[0]]));
        Assert.True(DecisionLabels.Of(decision, [approved with { Status = ReviewStatus.Expired }], [tie[0]]));
    }

    private static Task<CalibrationSet> ReviewLogAsync(IServiceProvider services) =>
        CalibrationSets.FromReviewLogAsync(services.GetRequiredService<IDecisionLog>(), services.GetRequiredService<IReviewStore>(), CancellationToken.None);
}
