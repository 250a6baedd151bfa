using SofaBot.Channels.Telegram;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Review.TelegramChat;
using SofaBot.Storage;

namespace SofaBot.Tests.Telegram;

/// <summary>A review item as the Telegram review chat shows it: everything a maintainer needs to decide, all of it
/// escaped, within Telegram's limit, and the outcome once decided.</summary>
public sealed class TelegramReviewHtmlTests
{
    [Fact]
    public void An_item_shows_why_who_where_when_the_question_and_each_candidate()
    {
        var html = TelegramReviewHtml.Render(Item(ReviewReason.NoAnswer, "Layotto 支持 WebAssembly 吗", 2) with { DecisionReason = "nothing close enough (confidence 0.30 < 0.45)" });

        Assert.Contains("<b>Review item 7</b> · no confident answer\n<i>Why: nothing close enough (confidence 0.30 &lt; 0.45)</i>", html, StringComparison.Ordinal);
        Assert.Contains("Asked by Alice (user 42) in Telegram chat -1001234567890", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://t.me/c/1234567890/101\">open</a>", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-21 09:00 UTC", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>Layotto 支持 WebAssembly 吗</blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<b>#1</b> SOFAJRaft · score 0.91", html, StringComparison.Ordinal);
        Assert.Contains("<b>#2</b> SOFAJRaft · score 0.81", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#3", html, StringComparison.Ordinal);
        Assert.Contains(TelegramReviewHtml.ReplyHint, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_from_the_item_is_escaped_and_mentions_notify_nobody()
    {
        var item = Item(ReviewReason.Suggest, "<script>alert(1)</script> & <b>x</b> @maria", 1);
        item = item with { Message = item.Message with { SenderName = "<i>Eve</i>" } };

        var html = TelegramReviewHtml.Render(item);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt; <code>@maria</code>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;Eve&lt;/i&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidate_answers_are_cut_to_a_glance()
    {
        var item = Item(ReviewReason.Suggest, "q", 1);
        item = item with { Candidates = [item.Candidates[0] with { Answer = new string('a', 1000) + "END" }] };

        var html = TelegramReviewHtml.Render(item);

        Assert.DoesNotContain("END", html, StringComparison.Ordinal);
        Assert.Contains(new string('a', 250) + "…", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_item_still_fits_in_one_telegram_message()
    {
        var item = Item(ReviewReason.Feedback, new string('问', 20_000), 3);
        item = item with { Candidates = [.. item.Candidates.Select(c => c with { Question = new string('q', 5000), Answer = new string('&', 5000), Project = new string('p', 500) })] };

        var html = TelegramReviewHtml.Render(item with { Status = ReviewStatus.Edited, DecidedBy = "telegram:maria", Answer = new string('<', 3000), PostError = new string('e', 5000) });

        Assert.InRange(TelegramHtml.VisibleLength(html), 1, TelegramReplyHtml.MaxVisibleChars);
        Assert.Contains("Edited by telegram:maria", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(ReviewStatus.Approved), null, "✅ <b>Approved #2 by telegram:maria</b>")]
    [InlineData(nameof(ReviewStatus.Edited), null, "✏️ <b>Edited by telegram:maria</b>, sent:\nUse &lt;b&gt;")]
    [InlineData(nameof(ReviewStatus.Rejected), "rejected", "❌ <b>Rejected by telegram:maria</b>; nothing was sent")]
    [InlineData(nameof(ReviewStatus.Rejected), "not a question", "🚫 <b>Not a question</b> (telegram:maria); nothing was sent")]
    [InlineData(nameof(ReviewStatus.Expired), null, "⌛ <b>Expired</b>; nothing was sent")]
    public void A_decided_item_shows_the_outcome_instead_of_the_reply_hint(string decided, string? note, string outcome)
    {
        var status = Enum.Parse<ReviewStatus>(decided);
        var item = Item(ReviewReason.Suggest, "q", 2) with
        {
            Status = status,
            DecidedBy = "telegram:maria",
            Chosen = status == ReviewStatus.Approved ? 2 : null,
            Answer = status == ReviewStatus.Edited ? "Use <b>" : null,
            Note = note,
        };

        var html = TelegramReviewHtml.Render(item);

        Assert.EndsWith(outcome, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TelegramReviewHtml.ReplyHint, html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_post_is_shown_with_the_outcome()
    {
        var item = Item(ReviewReason.Suggest, "q", 1) with { Status = ReviewStatus.Approved, DecidedBy = "alice", Chosen = 1, PostError = "Telegram sendMessage failed: 403 <Forbidden>" };

        Assert.EndsWith("⚠️ Posting failed: Telegram sendMessage failed: 403 &lt;Forbidden&gt;", TelegramReviewHtml.Render(item), StringComparison.Ordinal);
    }

    private static ReviewItem Item(ReviewReason reason, string question, int candidates) => new()
    {
        Id = 7,
        Reason = reason,
        Message = new IncomingMessage
        {
            Key = new MessageKey("telegram", "-1001234567890", "101"),
            Text = question,
            SenderId = "42",
            SenderName = "Alice",
            Addressing = Addressing.Mention,
            SentAt = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
        },
        Candidates = [.. Enumerable.Range(1, candidates).Select(k => new ReviewCandidate(
            $"sofa-weekly-20211203:{k}", 0, $"prior question {k}", $"answer {k}", "SOFAJRaft", "https://github.com/sofastack/sofa-jraft",
            "SOFA Weekly (2021-12-03)", "https://www.sofastack.tech/blog/sofa-weekly-20211203/", 1.01f - (0.1f * k)))],
        CreatedAt = new DateTimeOffset(2026, 11, 21, 9, 0, 1, TimeSpan.Zero),
    };
}
