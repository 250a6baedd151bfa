using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Channels.Telegram;
using SofaBot.Review;
using SofaBot.Review.TelegramChat;
using SofaBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>👍 / 👎 under the bot's answers, through the real host polling a fake Bot API server: every answer has
/// them, 👍 is recorded, 👎 puts the question in front of the maintainers once, and a press that names no known
/// question only gets a notice.</summary>
public sealed class TelegramFeedbackTests
{
    [Fact]
    public async Task An_answer_carries_thumbs_up_and_down_naming_the_question_and_polling_asks_for_presses()
    {
        await using var bed = await StartAsync();
        var (question, answer) = await AskAsync(bed);

        Assert.Equal(
            $"👍=fb:+:{question}, 👎=fb:-:{question}",
            string.Join(" / ", answer.Buttons.Select(row => string.Join(", ", row.Select(b => $"{b.Text}={b.CallbackData}")))));
        Assert.Contains("callback_query", bed.Server.AllowedUpdates!);
        Assert.Contains("message", bed.Server.AllowedUpdates!);
    }

    [Theory]
    [InlineData("@SofaTestBot " + UnanswerableQuestion)]
    [InlineData("@SofaTestBot " + SuggestedQuestion)]
    [InlineData("/help")]
    [InlineData("@SofaTestBot")]
    public async Task No_answer_and_help_replies_carry_no_buttons(string text)
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text(text));

        Assert.Empty(Assert.Single(await bed.Server.WaitForSentAsync(1)).Buttons);
    }

    [Fact]
    public async Task Thumbs_up_is_recorded_and_thanked_and_opens_nothing()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (question, answer) = await AskAsync(bed);

        var press = Updates.Press(Updates.Bob, answer, $"fb:+:{question}");
        await bed.DeliverAsync(press);

        var thanks = await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press));
        Assert.Equal(TelegramReviewCallbacks.Helpful, thanks.Text);
        Assert.False(thanks.ShowAlert);
        var feedback = Assert.Single(await FeedbackAsync(bed, question));
        Assert.Equal(("43", true), (feedback.UserId, feedback.Helpful));
        Assert.Empty(bed.Server.SentTo(Updates.ReviewChat));
        Assert.Empty(await Reviews(bed).ListAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Thumbs_down_opens_an_item_that_appears_in_the_review_chat_once()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (question, answer) = await AskAsync(bed);

        var first = Updates.Press(Updates.Alice, answer, $"fb:-:{question}");
        var second = Updates.Press(Updates.Bob, answer, $"fb:-:{question}");
        await bed.DeliverAsync(first);
        await bed.DeliverAsync(second);

        Assert.Equal(TelegramReviewCallbacks.NotHelpful, (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(first))).Text);
        Assert.Equal(TelegramReviewCallbacks.NotHelpful, (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(second))).Text);

        var review = Assert.Single(await bed.Server.WaitForSentToAsync(Updates.ReviewChat, 1));
        Assert.Contains("👎 on an automatic answer", review.Text, StringComparison.Ordinal);
        Assert.Contains(TelegramHtml.Text(AnswerableQuestion), review.Text, StringComparison.Ordinal);
        var item = Assert.Single(await Reviews(bed).ListAsync(null, 10, CancellationToken.None));
        Assert.Equal(ReviewReason.Feedback, item.Reason);
        Assert.Equal(review.MessageId.ToString(CultureInfo.InvariantCulture), item.ReviewMessageId);
        Assert.Equal(2, (await FeedbackAsync(bed, question)).Count(f => !f.Helpful));
    }

    [Fact]
    public async Task A_maintainer_answers_thumbs_down_from_the_review_chat()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (question, answer) = await AskAsync(bed);
        await bed.DeliverAsync(Updates.Press(Updates.Alice, answer, $"fb:-:{question}"));
        var review = Assert.Single(await bed.Server.WaitForSentToAsync(Updates.ReviewChat, 1));
        var item = Assert.Single(await Reviews(bed).ListAsync(ReviewStatus.Pending, 10, CancellationToken.None));

        await bed.DeliverAsync(Updates.Press(Updates.Maria, review, $"rv:{item.Id}:2"));

        var sent = (await bed.Server.WaitForSentToAsync(Updates.Group, 2))[1];
        Assert.Equal(question, sent.ReplyTo);
        Assert.Contains(TelegramHtml.Text(item.Candidates[1].Question), sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_press_naming_no_known_question_gets_a_notice_and_nothing_else()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (question, answer) = await AskAsync(bed);

        var presses = new[]
        {
            Updates.Press(Updates.Bob, answer, "fb:-:999999"),
            // the right question id, on a message of another chat: the question is looked for in that chat
            Updates.Press(Updates.Bob, Updates.Alice, answer.MessageId, $"fb:-:{question}"),
            Updates.Press(Updates.Bob, answer, "fb:?:1"),
        };
        foreach (var press in presses)
        {
            await bed.DeliverAsync(press);
        }

        foreach (var press in presses)
        {
            var notice = await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press));
            Assert.Contains(notice.Text, new[] { TelegramReviewCallbacks.UnknownQuestion, TelegramReviewCallbacks.UnknownButton });
        }

        Assert.Empty(await FeedbackAsync(bed, new MessageKey("telegram", Updates.Group.ToString(CultureInfo.InvariantCulture), question.ToString(CultureInfo.InvariantCulture))));
        Assert.Empty(await Reviews(bed).ListAsync(null, 10, CancellationToken.None));
        Assert.Empty(bed.Server.SentTo(Updates.ReviewChat));
        Assert.Single(bed.Server.SentTo(Updates.Group));
    }

    [Fact]
    public async Task A_press_in_an_update_that_cannot_be_read_is_still_answered()
    {
        await using var bed = await StartAsync();

        var press = Updates.Press(Updates.Bob, Updates.Group, 900, "fb:+:1");
        press["callback_query"]!["message"]!["chat"] = "not a chat";
        await bed.DeliverAsync(press);

        Assert.Equal(TelegramReviewCallbacks.Failed, (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press))).Text);
    }

    [Fact]
    public async Task A_message_edited_to_what_it_shows_is_not_an_error()
    {
        await using var bed = await StartAsync();
        var (_, answer) = await AskAsync(bed);
        var client = bed.Bot.Services.GetRequiredService<ITelegramBotClient>();

        await client.EditHtmlAsync(answer.ChatId, (int)answer.MessageId, "<b>edited</b>", null, CancellationToken.None);
        await client.EditHtmlAsync(answer.ChatId, (int)answer.MessageId, "<b>edited</b>", null, CancellationToken.None);

        Assert.Single(bed.Server.Edits);
        Assert.Equal(2, bed.Server.Calls.Count(c => c == "editMessageText"));
        var gone = await Assert.ThrowsAsync<ApiRequestException>(() => client.EditHtmlAsync(answer.ChatId, 1, "gone", null, CancellationToken.None));
        Assert.Equal("Telegram editMessageText failed: 400 Bad Request: message to edit not found", gone.Message);
    }

    /// <summary>Asks the answerable question in the group; returns its message id and the bot's answer.</summary>
    private static async Task<(long Question, SentMessage Answer)> AskAsync(TelegramBed bed)
    {
        var update = Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}");
        await bed.DeliverAsync(update);
        var answer = Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Contains("这个问题在 SOFA Weekly 里回答过", answer.Text, StringComparison.Ordinal);
        return (update["message"]!["message_id"]!.GetValue<long>(), answer);
    }

    private static Task<IReadOnlyList<AnswerFeedback>> FeedbackAsync(TelegramBed bed, long question) =>
        FeedbackAsync(bed, new MessageKey("telegram", Updates.Group.ToString(CultureInfo.InvariantCulture), question.ToString(CultureInfo.InvariantCulture)));

    private static Task<IReadOnlyList<AnswerFeedback>> FeedbackAsync(TelegramBed bed, MessageKey question) =>
        Reviews(bed).ListFeedbackAsync(question, CancellationToken.None);

    private static IReviewStore Reviews(TelegramBed bed) => bed.Bot.Services.GetRequiredService<IReviewStore>();
}
