using System.Text;
using SofaBot.Review.TelegramChat;

namespace SofaBot.Tests.Telegram;

/// <summary>The callback data on SofaBot's buttons: what is written is read back, and nothing else is read at all
/// (the client sends the data, so it may be anything).</summary>
public sealed class TelegramCallbackDataTests
{
    [Fact]
    public void Feedback_buttons_name_the_question_and_read_back()
    {
        var keyboard = TelegramCallbackData.FeedbackKeyboard("4711");

        var row = Assert.Single(keyboard.InlineKeyboard);
        Assert.Equal(["👍", "👎"], row.Select(b => b.Text));
        Assert.Equal(["fb:+:4711", "fb:-:4711"], row.Select(b => b.CallbackData));
        Assert.Equal(new FeedbackPress(true, 4711), TelegramCallbackData.Parse("fb:+:4711"));
        Assert.Equal(new FeedbackPress(false, 4711), TelegramCallbackData.Parse("fb:-:4711"));
    }

    [Theory]
    [InlineData(0, new string[0])]
    [InlineData(1, new[] { "Send #1" })]
    [InlineData(3, new[] { "Send #1", "Send #2", "Send #3" })]
    [InlineData(5, new[] { "Send #1", "Send #2", "Send #3" })]
    public void Review_buttons_offer_the_candidates_there_are_then_reject(int candidates, string[] sends)
    {
        var keyboard = TelegramCallbackData.ReviewKeyboard(7, candidates);

        Assert.Equal(sends, keyboard.InlineKeyboard.SelectMany(r => r).Select(b => b.Text).SkipLast(1));
        Assert.Equal("Reject", keyboard.InlineKeyboard.Last().Single().Text);
        Assert.Equal("rv:7:x", keyboard.InlineKeyboard.Last().Single().CallbackData);
        Assert.All(keyboard.InlineKeyboard.SelectMany(r => r), b => Assert.True(Encoding.UTF8.GetByteCount(b.CallbackData!) <= TelegramCallbackData.MaxBytes));
    }

    [Fact]
    public void An_item_with_a_draft_offers_send_draft_before_reject_and_it_reads_back()
    {
        var keyboard = TelegramCallbackData.ReviewKeyboard(long.MaxValue, 3, hasDraft: true);

        Assert.Equal(["Send #1", "Send #2", "Send #3", "Send draft", "Reject"], keyboard.InlineKeyboard.SelectMany(r => r).Select(b => b.Text));
        Assert.Equal($"rv:{long.MaxValue}:d", keyboard.InlineKeyboard.SkipLast(1).Last().Single().CallbackData);
        Assert.All(keyboard.InlineKeyboard.SelectMany(r => r), b => Assert.True(Encoding.UTF8.GetByteCount(b.CallbackData!) <= TelegramCallbackData.MaxBytes));
        Assert.Equal(new ReviewPress(7, null, Draft: true), TelegramCallbackData.Parse("rv:7:d"));
        Assert.Null(TelegramCallbackData.Parse("rv:7:D"));
        Assert.Null(TelegramCallbackData.Parse("rv:7:dd"));
    }

    [Fact]
    public void Review_data_reads_back_as_the_item_and_the_choice()
    {
        Assert.Equal(new ReviewPress(7, 1), TelegramCallbackData.Parse("rv:7:1"));
        Assert.Equal(new ReviewPress(7, 3), TelegramCallbackData.Parse("rv:7:3"));
        Assert.Equal(new ReviewPress(9223372036854775807, null), TelegramCallbackData.Parse("rv:9223372036854775807:x"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zz")]
    [InlineData("rv:abc")]
    [InlineData("rv:abc:1")]
    [InlineData("rv:7")]
    [InlineData("rv:7:0")]
    [InlineData("rv:7:4")]
    [InlineData("rv:7:X")]
    [InlineData("rv:7:1:extra")]
    [InlineData("rv:-7:1")]
    [InlineData("rv:+7:1")]
    [InlineData("rv:07:1")]
    [InlineData("rv:0:1")]
    [InlineData("rv: 7:1")]
    [InlineData("rv:9223372036854775808:1")]
    [InlineData("rv:٧:1")]
    [InlineData("fb:*:12")]
    [InlineData("fb:+:")]
    [InlineData("fb:+:12a")]
    [InlineData("fb:+")]
    [InlineData("RV:7:1")]
    public void Anything_else_is_not_a_press(string? data)
    {
        Assert.Null(TelegramCallbackData.Parse(data));
    }

    [Fact]
    public void Data_longer_than_telegram_allows_is_not_a_press()
    {
        Assert.Null(TelegramCallbackData.Parse("rv:7:1" + new string(' ', 194)));
        Assert.Null(TelegramCallbackData.Parse("fb:+:" + new string('1', 60)));
    }
}
