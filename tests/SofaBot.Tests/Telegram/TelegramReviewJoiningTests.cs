using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Review;
using SofaBot.Review.TelegramChat;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>Issue 13 (12), through the real host polling a fake Bot API server: the same question asked in three groups
/// is one review item asked three times, shown so in the review chat, the API and the page, and one press sends the
/// answer to each group once, as a reply to its own question.</summary>
public sealed class TelegramReviewJoiningTests
{
    private const long SecondGroup = -1001111111111;
    private const long ThirdGroup = -1002222222222;
    private const string Token = "review-api-token-0123456789";

    [Fact]
    public async Task The_same_question_from_three_groups_is_one_item_and_its_approval_reaches_each_group_once()
    {
        var settings = ReviewSettings;
        settings["Review:MaintainerToken"] = Token;
        await using var bed = await StartAsync(settings);
        var (first, review, id) = await TelegramReviewTests.OpenItemAsync(bed);

        // asked again in two other groups, in other words the same question; and a different question
        var second = await AskAsync(bed, SecondGroup, SuggestedQuestion.ToUpperInvariant() + " 🙏");
        var third = await AskAsync(bed, ThirdGroup, "  " + SuggestedQuestion + "？？");
        var (_, otherReview, otherId) = await TelegramReviewTests.OpenItemAsync(bed, UnanswerableQuestion, reviewMessages: 2);
        Assert.NotEqual(id, otherId);

        var item = await TelegramReviewTests.GetAsync(bed, id);
        Assert.Equal((3, 3), (item.AskedCount, item.ChatCount));
        Assert.Equal([first, second, third], item.Askers.Select(a => long.Parse(a.Message.Key.MessageId, System.Globalization.CultureInfo.InvariantCulture)));
        // one review message per item; the count is told by editing it, its buttons kept
        Assert.Equal(2, bed.Server.SentTo(Updates.ReviewChat).Count);
        var recount = await bed.Server.WaitForEditAsync(Updates.ReviewChat, review.MessageId, count: 2);
        Assert.Contains("<b>🔁 Asked 3 times in 3 chats</b>", recount.Text, StringComparison.Ordinal);
        Assert.Equal(review.Buttons, recount.Buttons);

        // the API's pending list: most asked first, with the count and who asked
        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var pending = JsonNode.Parse(await api.GetStringAsync($"{bed.Bot.Url}/api/review?status=pending"))!.AsArray();
        Assert.Equal([id, otherId], pending.Select(i => i!["id"]!.GetValue<long>()));
        Assert.Equal((3, 3), (pending[0]!["askedCount"]!.GetValue<int>(), pending[0]!["chatCount"]!.GetValue<int>()));
        Assert.Equal(
            [Updates.Group.ToString(System.Globalization.CultureInfo.InvariantCulture), SecondGroup.ToString(System.Globalization.CultureInfo.InvariantCulture), ThirdGroup.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            pending[0]!["askers"]!.AsArray().Select(a => a!["chatId"]!.GetValue<string>()));
        Assert.Equal(1, pending[1]!["askedCount"]!.GetValue<int>());

        var press = Updates.Press(Updates.Maria, review, $"rv:{id}:1");
        await bed.DeliverAsync(press);
        Assert.Equal("sent in reply to the question, to each of its 3 askers", (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press))).Text);

        // each group: its "asked the maintainers" reply, then the answer as a reply to its own question
        foreach (var (group, question) in new[] { (Updates.Group, first), (SecondGroup, second), (ThirdGroup, third) })
        {
            var sent = await bed.Server.WaitForSentToAsync(group, group == Updates.Group ? 3 : 2);
            Assert.Equal(question, sent[^1].ReplyTo);
            Assert.NotEmpty(sent[^1].Buttons);
        }

        // a second press, and a restart's catch-up, post nothing more
        var again = Updates.Press(Updates.Maria, review, $"rv:{id}:1");
        await bed.DeliverAsync(again);
        await bed.Server.WaitForAnswerAsync(Updates.CallbackId(again));
        Assert.Equal(0, await bed.Bot.Services.GetRequiredService<ReviewPublisher>().ResumeAsync(atStart: true, CancellationToken.None));
        await bed.Bot.IdleAsync();
        Assert.Equal(3, bed.Server.SentTo(Updates.Group).Count);
        Assert.Equal(2, bed.Server.SentTo(SecondGroup).Count);
        Assert.Equal(2, bed.Server.SentTo(ThirdGroup).Count);

        var decided = await TelegramReviewTests.GetAsync(bed, id);
        Assert.Equal(ReviewStatus.Approved, decided.Status);
        Assert.NotNull(decided.PostedAt);
        Assert.Null(decided.PostError);
        Assert.All(decided.Askers, a => Assert.Equal((true, (string?)null), (a.PostedAt is not null, a.PostError)));
        // learned once, from the original asker's wording
        var learned = Assert.Single(await bed.Bot.Services.GetRequiredService<IReviewStore>().ListLearnedAsync(CancellationToken.None), e => e.ReviewItemId == id);
        Assert.Equal(SuggestedQuestion, learned.Question);
        var shown = await bed.Server.WaitForEditAsync(Updates.ReviewChat, review.MessageId, count: 3);
        Assert.Contains("Asked 3 times in 3 chats", shown.Text, StringComparison.Ordinal);
        Assert.EndsWith("✅ <b>Approved #1 by telegram:maria</b>", shown.Text, StringComparison.Ordinal);
        // the other question was not touched
        Assert.DoesNotContain(bed.Server.Edits, e => e.MessageId == otherReview.MessageId);
        Assert.Equal(ReviewStatus.Pending, (await TelegramReviewTests.GetAsync(bed, otherId)).Status);
    }

    [Fact]
    public async Task A_rejection_of_a_joined_item_holds_in_every_group_that_asked_and_nothing_is_sent()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await TelegramReviewTests.OpenItemAsync(bed);
        await AskAsync(bed, SecondGroup, SuggestedQuestion);

        var press = Updates.Press(Updates.Maria, review, $"rv:{id}:x");
        await bed.DeliverAsync(press);
        Assert.Equal("rejected; nothing was sent", (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press))).Text);

        // asked again in the second group: the verdict holds there, so no new item, and nothing more in the review chat
        await AskAsync(bed, SecondGroup, SuggestedQuestion + "?");
        await bed.Bot.IdleAsync();
        Assert.Single(bed.Server.SentTo(Updates.ReviewChat));
        Assert.Single(await bed.Bot.Services.GetRequiredService<IReviewStore>().ListAsync(null, 10, CancellationToken.None));
        Assert.Single(bed.Server.SentTo(Updates.Group));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(7, false)]
    [InlineData(10, true)]
    [InlineData(30, false)]
    [InlineData(50, true)]
    [InlineData(99, false)]
    [InlineData(200, true)]
    [InlineData(5000, true)]
    [InlineData(5001, false)]
    public void The_review_message_retells_the_count_at_two_three_and_one_two_five_steps(int count, bool retold) =>
        Assert.Equal(retold, TelegramReviewDesk.RetoldAt(count));

    /// <summary>Asks <paramref name="text"/> with a mention in <paramref name="group"/>, waits for the bot's reply
    /// there, and returns the question's message id.</summary>
    private static async Task<long> AskAsync(TelegramBed bed, long group, string text)
    {
        var before = bed.Server.SentTo(group).Count;
        var update = Updates.Text($"@{FakeTelegramServer.BotUsername} {text}", chat: group);
        await bed.DeliverAsync(update);
        await bed.Server.WaitForSentToAsync(group, before + 1);
        await bed.Bot.IdleAsync();
        return update["message"]!["message_id"]!.GetValue<long>();
    }
}
