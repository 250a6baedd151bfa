using SofaBot.Channels.Telegram;
using SofaBot.Review;
using SofaBot.Tests.Telegram;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Drafts;

/// <summary>The draft in the Telegram review chat: the review message gains the draft and a Send draft button once
/// the model has written it, and a maintainer's press posts the draft to the group as a threaded reply.</summary>
public sealed class DraftTelegramTests
{
    [Fact]
    public async Task The_review_message_gains_a_send_draft_button_and_pressing_it_posts_the_draft()
    {
        await using var model = await FakeChatServer.StartAsync();
        model.Content = DraftBed.Json(1, DraftBed.GoodDraft);
        // the draft waits until the item is in the review chat: the edit that adds the button is what is tested
        model.Hold();
        var settings = ReviewSettings;
        foreach (var (key, value) in DraftBed.Settings(model))
        {
            settings[key] = value;
        }

        await using var bed = await StartAsync(settings);
        var (question, review, id) = await TelegramReviewTests.OpenItemAsync(bed);
        Assert.DoesNotContain($"rv:{id}:d", review.CallbackData);
        model.Release();

        var edit = await bed.Server.WaitForEditAsync(Updates.ReviewChat, review.MessageId);
        Assert.Contains($"<b>📝 Draft</b> by {DraftBed.Model}, draws on #1:\n{TelegramHtml.Text(DraftBed.GoodDraft)}", edit.Text, StringComparison.Ordinal);
        Assert.Equal(
            $"Send #1=rv:{id}:1, Send #2=rv:{id}:2, Send #3=rv:{id}:3 / Send draft=rv:{id}:d / Reject=rv:{id}:x",
            string.Join(" / ", edit.Buttons.Select(row => string.Join(", ", row.Select(b => $"{b.Text}={b.CallbackData}")))));
        Assert.Single(bed.Server.SentTo(Updates.Group));

        var press = Updates.Press(Updates.Maria, review, $"rv:{id}:d");
        await bed.DeliverAsync(press);

        Assert.Equal("sent in reply to the question", (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press))).Text);
        var sent = (await bed.Server.WaitForSentToAsync(Updates.Group, 2))[1];
        Assert.Equal(question, sent.ReplyTo);
        Assert.Contains("OceanBase", sent.Text, StringComparison.Ordinal);
        var item = await TelegramReviewTests.GetAsync(bed, id);
        Assert.Equal(ReviewStatus.Edited, item.Status);
        Assert.Equal(DraftBed.GoodDraft, item.Answer);
        Assert.Equal("telegram:maria", item.DecidedBy);
    }
}
