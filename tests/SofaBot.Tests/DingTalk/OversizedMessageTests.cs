using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Storage;
using SofaBot.Tests.Review;
using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.DingTalk;

/// <summary>A message of megabytes is stored, queued for review and shown cut to <c>Chat:MaxStoredChars</c>, saying
/// so; before, a 10 MB message was stored whole, copied whole into its review item and shown whole on the page.</summary>
public sealed class OversizedMessageTests
{
    [Fact]
    public async Task A_megabyte_message_is_stored_and_reviewed_cut_to_the_limit_and_says_it_was_cut()
    {
        await using var bed = await DingTalkBed.StartAsync(new() { ["Review:MaintainerToken"] = ReviewBed.Token });
        var huge = TelegramBed.UnanswerableQuestion + " " + new string('啊', 1_000_000);
        var callback = bed.Text(huge);

        Assert.Equal(HttpStatusCode.OK, await bed.DeliverAsync(callback));

        var key = new MessageKey("dingtalk", Callbacks.Group, callback["msgId"]!.GetValue<string>());
        var received = await bed.Bot.Services.GetRequiredService<IStateStore>().GetReceivedAsync(key, CancellationToken.None);
        Assert.InRange(received!.Payload.Length, 20_000, 25_000);
        var item = Assert.Single(await bed.Bot.Services.GetRequiredService<IReviewStore>().ListAsync(ReviewStatus.Pending, 10, CancellationToken.None));
        Assert.InRange(item.Message.Text.Length, 20_000, 20_200);
        Assert.EndsWith($"cut: {huge.Length} characters, the first 20000 kept）", item.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_a_character_in_two()
    {
        var message = new IncomingMessage
        {
            Key = new MessageKey("telegram", "-1", "1"),
            Text = new string('a', 999) + "🛋️" + new string('b', 2000),
            SenderId = "42",
            Addressing = Addressing.Mention,
            SentAt = DateTimeOffset.UnixEpoch,
        };

        var cut = Inbox.Cut(message, 1000);

        Assert.StartsWith(new string('a', 999) + "\n…", cut.Text, StringComparison.Ordinal);
    }
}
