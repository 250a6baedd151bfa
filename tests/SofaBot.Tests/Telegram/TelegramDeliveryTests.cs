using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>Delivery people can trust: flood control and server errors are waited out, a restart neither loses nor
/// repeats a reply, and bad updates never stop the worker.</summary>
public sealed class TelegramDeliveryTests
{
    private static string Mention(string question) => $"@{FakeTelegramServer.BotUsername} {question}";

    [Fact]
    public async Task Flood_control_waits_exactly_retry_after_then_sends_once()
    {
        await using var bed = await StartAsync();
        bed.Server.Fail("sendMessage", 429, "Too Many Requests: retry after 7", retryAfter: 7);

        await bed.DeliverAsync(Updates.Text(Mention(AnswerableQuestion)));

        Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Contains(TimeSpan.FromSeconds(7), bed.Bot.Time.Waits);
        Assert.Equal(2, bed.Server.Calls.Count(c => c == "sendMessage"));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        await using var bed = await StartAsync();
        bed.Server.Fail("sendMessage", 502, "Bad Gateway", times: 2);

        await bed.DeliverAsync(Updates.Text(Mention(AnswerableQuestion)));

        Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Equal(3, bed.Server.Calls.Count(c => c == "sendMessage"));
    }

    [Fact]
    public async Task A_reply_telegram_refuses_is_recorded_as_failed_and_the_next_chat_still_gets_its_answer()
    {
        await using var bed = await StartAsync();
        bed.Server.Fail("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat");
        var refused = Updates.Text(Mention(AnswerableQuestion), chat: -100777);

        await bed.DeliverAsync(refused);
        await bed.DeliverAsync(Updates.Text(Mention(AnswerableQuestion)));

        Assert.Equal(Updates.Group, Assert.Single(await bed.Server.WaitForSentAsync(1)).ChatId);
        var state = await bed.Bot.Services.GetRequiredService<IStateStore>().GetStateAsync(
            new MessageKey("telegram", "-100777", refused["message"]!["message_id"]!.ToString()), CancellationToken.None);
        Assert.Equal(MessageOutcome.Failed, state!.Outcome);
        Assert.Contains("kicked", state.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_are_paced_to_one_message_a_second()
    {
        await using var bed = await StartAsync();

        await bed.DeliverAsync(Updates.Text(Mention(AnswerableQuestion)));
        await bed.DeliverAsync(Updates.Text(Mention(UnanswerableQuestion)));

        Assert.Equal(2, (await bed.Server.WaitForSentAsync(2)).Count);
        Assert.Contains(bed.Bot.Time.Waits, w => w > TimeSpan.FromSeconds(0.5) && w <= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_restart_does_not_repeat_a_reply_even_when_telegram_delivers_the_update_again()
    {
        await using var bed = await StartAsync();
        var first = Updates.Text(Mention(AnswerableQuestion));
        await bed.DeliverAsync(first);
        Assert.Single(await bed.Server.WaitForSentAsync(1));

        // Telegram forgets what was confirmed and delivers everything again to the restarted bot
        bed.Server.ForgetConfirmations = true;
        await bed.RestartAsync();
        var second = Updates.Text(Mention(UnanswerableQuestion));
        await bed.DeliverAsync(second);

        var sent = await bed.Server.WaitForSentAsync(2);
        Assert.Equal(2, sent.Count);
        Assert.Equal(
            [first["message"]!["message_id"]!.GetValue<long>(), second["message"]!["message_id"]!.GetValue<long>()],
            sent.Select(s => s.ReplyTo!.Value));
    }

    [Fact]
    public async Task A_restart_polls_from_the_stored_offset()
    {
        await using var bed = await StartAsync();
        var update = Updates.Text(Mention(AnswerableQuestion));
        var id = bed.Server.Push(update);
        await bed.Server.WaitConfirmedAsync(id);
        await bed.Bot.IdleAsync();

        await bed.RestartAsync();

        var offset = await bed.Bot.Services.GetRequiredService<IStateStore>().GetCursorAsync($"telegram:{FakeTelegramServer.BotId}:offset", CancellationToken.None);
        Assert.Equal(id + 1, offset);
    }

    [Fact]
    public async Task Updates_the_bot_cannot_use_are_skipped_and_the_worker_keeps_answering()
    {
        await using var bed = await StartAsync();
        var sticker = Updates.Message(Updates.Group, Updates.Alice);
        sticker["sticker"] = new System.Text.Json.Nodes.JsonObject { ["file_id"] = "abc", ["emoji"] = "😀" };
        var join = Updates.Message(Updates.Group, Updates.Alice);
        join["new_chat_members"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = 5, ["is_bot"] = false, ["first_name"] = "Bob" });
        var badEntity = Updates.Text("@SofaTestBot 你好");
        badEntity["message"]!["entities"]![0]!["offset"] = 5000;

        foreach (var update in new[]
        {
            Updates.Other("edited_message", Updates.Message(Updates.Group, Updates.Alice)),
            Updates.Other("channel_post", new System.Text.Json.Nodes.JsonObject { ["message_id"] = 1, ["date"] = 1, ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = -100999, ["type"] = "channel" } }),
            Updates.Other("my_chat_member", new System.Text.Json.Nodes.JsonObject { ["unknown"] = true }),
            Updates.Wrap(sticker),
            Updates.Wrap(join),
            Updates.Other("message", System.Text.Json.Nodes.JsonValue.Create("not an object")),
            badEntity,
            Updates.Text(Mention(new string('长', 100_000))),
        })
        {
            await bed.DeliverAsync(update);
        }

        var last = Updates.Text(Mention(AnswerableQuestion));
        await bed.DeliverAsync(last);

        var sent = await bed.Server.WaitForSentAsync(2);
        Assert.Equal(last["message"]!["message_id"]!.GetValue<long>(), sent[^1].ReplyTo);
        Assert.All(sent, s => Assert.True(Channels.Telegram.TelegramHtml.VisibleLength(s.Text) <= 4096));
        Assert.Contains(bed.Bot.Logs.Entries, e => e.EventId.Id == 3120);
    }

    [Fact]
    public async Task One_update_the_client_cannot_decode_does_not_spoil_its_batch()
    {
        await using var bed = await StartAsync();
        var farFuture = Updates.Text(Mention(UnanswerableQuestion));
        farFuture["message"]!["date"] = 99_999_999_999_999; // past DateTime.MaxValue: the library's converter throws
        var hugeId = Updates.Text(Mention(UnanswerableQuestion), updateId: 5_000_000_000); // update_id is an int there
        var good = Updates.Text(Mention(AnswerableQuestion));

        bed.Server.PushBatch(farFuture, hugeId, good);
        await bed.Server.WaitConfirmedAsync(5_000_000_000);
        await bed.Bot.IdleAsync();

        var reply = Assert.Single(await bed.Server.WaitForSentAsync(1));
        Assert.Equal(good["message"]!["message_id"]!.GetValue<long>(), reply.ReplyTo);
        Assert.Equal(2, bed.Bot.Logs.Warnings(3120).Count);
    }

    [Fact]
    public async Task The_token_never_appears_in_logs()
    {
        await using var bed = await StartAsync();
        bed.Server.Fail("sendMessage", 500, "Internal Server Error");
        await bed.DeliverAsync(Updates.Text(Mention(AnswerableQuestion)));
        await bed.Server.WaitForSentAsync(1);

        var secret = FakeTelegramServer.Token.Split(':')[1];
        Assert.NotEmpty(bed.Bot.Logs.Entries);
        Assert.DoesNotContain(bed.Bot.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
    }
}
