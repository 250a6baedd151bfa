using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Channels.Telegram;
using SofaBot.Review;
using SofaBot.Review.TelegramChat;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>The maintainers' review chat, through the real host polling a fake Bot API server: uncertain questions
/// are posted there with buttons, a maintainer's press or reply sends the answer to the group as a threaded reply,
/// and everything else (other members, forged or replayed presses, empty or huge answers) changes nothing.</summary>
public sealed partial class TelegramReviewTests
{
    [Fact]
    public async Task A_suggested_question_is_posted_to_the_review_chat_with_a_send_button_per_candidate_and_reject()
    {
        await using var bed = await StartAsync(ReviewSettings);

        var (question, review, id) = await OpenItemAsync(bed);

        Assert.Equal("HTML", review.ParseMode, ignoreCase: true);
        Assert.Contains($"<b>Review item {id}</b> · uncertain match\n<i>Why: plausible match: confidence 0.", review.Text, StringComparison.Ordinal);
        Assert.Contains($"<blockquote>{SuggestedQuestion}</blockquote>", review.Text, StringComparison.Ordinal);
        Assert.Contains("Asked by Alice (user 42) in SOFAStack 社区 (Telegram)", review.Text, StringComparison.Ordinal);
        Assert.Contains("<b>#3</b> ", review.Text, StringComparison.Ordinal);
        Assert.Contains(TelegramReviewHtml.ReplyHint, review.Text, StringComparison.Ordinal);
        Assert.Equal(
            $"Send #1=rv:{id}:1, Send #2=rv:{id}:2, Send #3=rv:{id}:3 / Reject=rv:{id}:x",
            string.Join(" / ", review.Buttons.Select(row => string.Join(", ", row.Select(b => $"{b.Text}={b.CallbackData}")))));

        // the asker got the honest "no prior answer" in the group, without feedback buttons
        var reply = Assert.Single(bed.Server.SentTo(Updates.Group));
        Assert.Equal(question, reply.ReplyTo);
        Assert.Empty(reply.Buttons);

        var item = await GetAsync(bed, id);
        Assert.Equal(ReviewStatus.Pending, item.Status);
        Assert.Equal(review.MessageId.ToString(CultureInfo.InvariantCulture), item.ReviewMessageId);
    }

    [Fact]
    public async Task A_mention_with_no_answer_at_all_is_posted_as_well()
    {
        await using var bed = await StartAsync(ReviewSettings);

        var (_, review, _) = await OpenItemAsync(bed, UnanswerableQuestion);

        Assert.Contains("no confident answer", review.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_maintainer_pressing_send_k_posts_candidate_k_as_a_threaded_reply_and_the_review_message_shows_the_outcome(int k)
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (question, review, id) = await OpenItemAsync(bed);
        var candidates = (await GetAsync(bed, id)).Candidates;

        var press = Updates.Press(Updates.Maria, review, $"rv:{id}:{k}");
        await bed.DeliverAsync(press);

        var answer = await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press));
        Assert.Equal("sent in reply to the question", answer.Text);
        Assert.False(answer.ShowAlert);

        var sent = (await bed.Server.WaitForSentToAsync(Updates.Group, 2))[1];
        Assert.Equal(question, sent.ReplyTo);
        Assert.Contains($"<blockquote>{TelegramHtml.Text(candidates[k - 1].Question)}</blockquote>", sent.Text, StringComparison.Ordinal);
        Assert.All(candidates.Where((_, i) => i != k - 1), other => Assert.DoesNotContain(TelegramHtml.Text(other.Question), sent.Text, StringComparison.Ordinal));
        Assert.NotEmpty(sent.Buttons);

        var edit = await bed.Server.WaitForEditAsync(Updates.ReviewChat, review.MessageId);
        Assert.EndsWith($"✅ <b>Approved #{k} by telegram:maria</b>", edit.Text, StringComparison.Ordinal);
        Assert.Contains(SuggestedQuestion, edit.Text, StringComparison.Ordinal);
        Assert.Empty(edit.Buttons);

        var item = await GetAsync(bed, id);
        Assert.Equal(ReviewStatus.Approved, item.Status);
        Assert.Equal(k, item.Chosen);
        Assert.Equal("telegram:maria", item.DecidedBy);
        Assert.Null(item.PostError);

        // no desk failure, refusal or retry on the way
        Assert.DoesNotContain(bed.Bot.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning
            && (e.Category.StartsWith("SofaBot.Channels.Telegram.", StringComparison.Ordinal) || e.Category.StartsWith("SofaBot.Review.TelegramChat.", StringComparison.Ordinal) || e.Category.StartsWith("SofaBot.Review.Review", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reject_sends_nothing_and_the_review_message_says_who_rejected_it()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await OpenItemAsync(bed);

        var press = Updates.Press(Updates.Maria, review, $"rv:{id}:x");
        await bed.DeliverAsync(press);

        Assert.Equal("rejected; nothing was sent", (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press))).Text);
        Assert.EndsWith("❌ <b>Rejected by telegram:maria</b>; nothing was sent", (await bed.Server.WaitForEditAsync(Updates.ReviewChat, review.MessageId)).Text, StringComparison.Ordinal);
        Assert.Single(bed.Server.SentTo(Updates.Group));
        Assert.Equal(ReviewStatus.Rejected, (await GetAsync(bed, id)).Status);
    }

    [Fact]
    public async Task A_press_by_someone_who_is_not_a_maintainer_is_refused_and_the_item_stays_pending()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await OpenItemAsync(bed);

        var press = Updates.Press(Updates.Bob, review, $"rv:{id}:1");
        await bed.DeliverAsync(press);

        var answer = await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press));
        Assert.Equal(TelegramReviewCallbacks.OnlyMaintainers, answer.Text);
        Assert.True(answer.ShowAlert);
        await AssertNothingChangedAsync(bed, review, id);
    }

    [Fact]
    public async Task The_same_press_twice_posts_once_and_the_second_press_is_told_it_was_already_approved()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await OpenItemAsync(bed);

        var first = Updates.Press(Updates.Maria, review, $"rv:{id}:2");
        var second = Updates.Press(Updates.Maria, review, $"rv:{id}:2");
        await bed.DeliverAsync(first);
        await bed.DeliverAsync(second);

        Assert.Equal("sent in reply to the question", (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(first))).Text);
        var again = await bed.Server.WaitForAnswerAsync(Updates.CallbackId(second));
        Assert.Equal($"item {id} was already approved by telegram:maria; nothing was sent", again.Text);
        Assert.True(again.ShowAlert);
        Assert.Equal(2, bed.Server.SentTo(Updates.Group).Count);
    }

    [Fact]
    public async Task Forged_and_malformed_presses_are_answered_and_change_nothing()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await OpenItemAsync(bed);
        var (_, other, otherId) = await OpenItemAsync(bed, UnanswerableQuestion, reviewMessages: 2);
        var group = bed.Server.SentTo(Updates.Group).Count;

        JsonObject[] presses =
        [
            // another item's id on this item's message, and this item's id on another message
            Updates.Press(Updates.Maria, review, $"rv:{otherId}:1"),
            Updates.Press(Updates.Maria, other, $"rv:{id}:1"),
            Updates.Press(Updates.Maria, review, "rv:999999:1"),
            // the right data, pressed on a message of another chat
            Updates.Press(Updates.Maria, Updates.Group, review.MessageId, $"rv:{id}:1"),
            Updates.Press(Updates.Maria, review, "rv:abc"),
            Updates.Press(Updates.Maria, review, "zz"),
            Updates.Press(Updates.Maria, review, $"rv:{id}:4"),
            Updates.Press(Updates.Maria, review, $"rv:{id}:1" + new string('x', 194)),
        ];
        foreach (var press in presses)
        {
            await bed.DeliverAsync(press);
        }

        foreach (var press in presses)
        {
            var answer = await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press));
            Assert.True(answer.ShowAlert);
            Assert.Contains(answer.Text, new[] { TelegramReviewCallbacks.Forged, TelegramReviewCallbacks.UnknownButton });
        }

        Assert.Equal(group, bed.Server.SentTo(Updates.Group).Count);
        Assert.Equal(2, bed.Server.SentTo(Updates.ReviewChat).Count);
        Assert.Empty(bed.Server.Edits);
        Assert.Equal(ReviewStatus.Pending, (await GetAsync(bed, id)).Status);
        Assert.Equal(ReviewStatus.Pending, (await GetAsync(bed, otherId)).Status);
    }

    [Fact]
    public async Task A_maintainers_reply_to_the_review_message_is_sent_as_the_answer_with_any_html_escaped()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (question, review, id) = await OpenItemAsync(bed);

        var reply = Updates.Text("Seata AT 模式由 TC 协调回滚，**先查 undo_log**。<b>x</b>\n\n<script>alert(1)</script>", chat: Updates.ReviewChat, from: Updates.Maria, replyTo: Updates.BotMessage(Updates.ReviewChat, review.MessageId));
        await bed.DeliverAsync(reply);

        var sent = (await bed.Server.WaitForSentToAsync(Updates.Group, 2))[1];
        Assert.Equal(question, sent.ReplyTo);
        Assert.Contains("Seata AT 模式由 TC 协调回滚，<b>先查 undo_log</b>。&lt;b&gt;x&lt;/b&gt;", sent.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", sent.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", sent.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", sent.Text, StringComparison.Ordinal);

        // the maintainer is told, in a reply to their message, and the item shows who answered
        var told = (await bed.Server.WaitForSentToAsync(Updates.ReviewChat, 2))[1];
        Assert.Equal($"Item {id}: sent in reply to the question", told.Text);
        Assert.Equal(reply["message"]!["message_id"]!.GetValue<long>(), told.ReplyTo);
        var edit = await bed.Server.WaitForEditAsync(Updates.ReviewChat, review.MessageId);
        Assert.Contains("✏️ <b>Edited by telegram:maria</b>, sent:\nSeata AT 模式由 TC 协调回滚", edit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", edit.Text, StringComparison.Ordinal);

        var item = await GetAsync(bed, id);
        Assert.Equal(ReviewStatus.Edited, item.Status);
    }

    [Theory]
    [InlineData("   ", "the answer is empty; nothing was sent")]
    [InlineData(null, "the answer is empty; nothing was sent")]
    [InlineData("100k", "at most 3000 fit in a chat message")]
    public async Task An_empty_or_oversized_reply_is_refused_and_nothing_is_sent(string? text, string refusal)
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await OpenItemAsync(bed);
        var replyTo = Updates.BotMessage(Updates.ReviewChat, review.MessageId);

        var reply = text is null
            ? Updates.Wrap(Sticker(Updates.Message(Updates.ReviewChat, Updates.Maria), replyTo))
            : Updates.Text(text == "100k" ? new string('长', 100 * 1024) : text, chat: Updates.ReviewChat, from: Updates.Maria, replyTo: replyTo);
        await bed.DeliverAsync(reply);

        var told = (await bed.Server.WaitForSentToAsync(Updates.ReviewChat, 2))[1];
        Assert.EndsWith(refusal, told.Text, StringComparison.Ordinal);
        Assert.StartsWith($"Item {id}: ", told.Text, StringComparison.Ordinal);
        await AssertNothingChangedAsync(bed, review, id, reviewChatMessages: 2);
    }

    [Fact]
    public async Task A_reply_after_the_item_was_decided_sends_nothing_more()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await OpenItemAsync(bed);
        await bed.DeliverAsync(Updates.Press(Updates.Maria, review, $"rv:{id}:1"));

        await bed.DeliverAsync(Updates.Text("a late edit", chat: Updates.ReviewChat, from: Updates.Maria, replyTo: Updates.BotMessage(Updates.ReviewChat, review.MessageId)));

        var told = (await bed.Server.WaitForSentToAsync(Updates.ReviewChat, 2))[1];
        Assert.Equal($"Item {id}: item {id} was already approved by telegram:maria; nothing was sent", told.Text);
        Assert.Equal(2, bed.Server.SentTo(Updates.Group).Count);
    }

    [Fact]
    public async Task Nothing_said_in_the_review_chat_is_a_question_and_other_members_replies_are_ignored()
    {
        await using var bed = await StartAsync(ReviewSettings);
        var (_, review, id) = await OpenItemAsync(bed);

        await bed.DeliverAsync(Updates.Text("my own answer", chat: Updates.ReviewChat, from: Updates.Bob, replyTo: Updates.BotMessage(Updates.ReviewChat, review.MessageId)));
        await bed.DeliverAsync(Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}", chat: Updates.ReviewChat, from: Updates.Maria));
        await bed.DeliverAsync(Updates.Text($"/ask {AnswerableQuestion}", chat: Updates.ReviewChat, from: Updates.Bob));

        await AssertNothingChangedAsync(bed, review, id);
    }

    [Fact]
    public async Task A_decision_taken_through_the_api_or_by_expiry_shows_in_the_review_chat()
    {
        const string token = "review-api-token-0123456789";
        var settings = ReviewSettings;
        settings["Review:MaintainerToken"] = token;
        await using var bed = await StartAsync(settings);
        var (_, review, id) = await OpenItemAsync(bed);
        var (_, expiring, expiringId) = await OpenItemAsync(bed, UnanswerableQuestion, reviewMessages: 2);

        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var rejected = await api.PostAsync($"{bed.Bot.Url}/api/review/{id}/reject", System.Net.Http.Json.JsonContent.Create(new { notAQuestion = true }));
        rejected.EnsureSuccessStatusCode();

        var edit = await bed.Server.WaitForEditAsync(Updates.ReviewChat, review.MessageId);
        Assert.EndsWith("🚫 <b>Not a question</b> (maintainer); nothing was sent", edit.Text, StringComparison.Ordinal);
        Assert.Empty(edit.Buttons);

        bed.Bot.Time.Advance(TimeSpan.FromHours(49));
        await bed.Bot.Services.GetRequiredService<ReviewQueue>().ExpireAsync(CancellationToken.None);

        Assert.EndsWith("⌛ <b>Expired</b>; nothing was sent", (await bed.Server.WaitForEditAsync(Updates.ReviewChat, expiring.MessageId)).Text, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Expired, (await GetAsync(bed, expiringId)).Status);
        Assert.Single(bed.Server.Edits, e => e.MessageId == review.MessageId);
    }

    private static JsonObject Sticker(JsonObject message, JsonObject replyTo)
    {
        message["sticker"] = new JsonObject { ["file_id"] = "CAACAgIAAx", ["emoji"] = "👍" };
        message["reply_to_message"] = replyTo;
        return message;
    }

    /// <summary>Asks <paramref name="text"/> in the group with a mention and returns the question's message id, the
    /// review message it produced, and the item's id (read from the Reject button).</summary>
    internal static async Task<(long Question, SentMessage Review, long Id)> OpenItemAsync(TelegramBed bed, string text = SuggestedQuestion, int reviewMessages = 1)
    {
        var update = Updates.Text($"@{FakeTelegramServer.BotUsername} {text}");
        await bed.DeliverAsync(update);
        var review = (await bed.Server.WaitForSentToAsync(Updates.ReviewChat, reviewMessages))[reviewMessages - 1];
        var reject = Assert.Single(review.Buttons[^1]).CallbackData!;
        var id = long.Parse(RejectData().Match(reject).Groups[1].Value, CultureInfo.InvariantCulture);
        return (update["message"]!["message_id"]!.GetValue<long>(), review, id);
    }

    internal static async Task<ReviewItem> GetAsync(TelegramBed bed, long id) =>
        await bed.Bot.Services.GetRequiredService<IReviewStore>().GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no item {id}");

    /// <summary>The group got only the first reply, the review chat only what it had, no edit, and the item is
    /// still waiting.</summary>
    private static async Task AssertNothingChangedAsync(TelegramBed bed, SentMessage review, long id, int reviewChatMessages = 1)
    {
        await bed.Bot.IdleAsync();
        Assert.Single(bed.Server.SentTo(Updates.Group));
        Assert.Equal(reviewChatMessages, bed.Server.SentTo(Updates.ReviewChat).Count);
        Assert.DoesNotContain(bed.Server.Edits, e => e.MessageId == review.MessageId);
        Assert.Equal(ReviewStatus.Pending, (await GetAsync(bed, id)).Status);
    }

    [GeneratedRegex(@"^rv:(\d+):x$")]
    private static partial Regex RejectData();
}
