using System.Net;
using System.Text;
using SofaBot.Tests.Fixtures;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Telegram;

/// <summary>Webhook mode: the webhook is registered with its secret, requests without it get 401, and a repeated
/// update is answered once.</summary>
public sealed class TelegramWebhookTests
{
    private const string Secret = "webhook-Secret_42";
    private const string Header = "X-Telegram-Bot-Api-Secret-Token";

    private static Task<TelegramBed> StartWebhookAsync() => StartAsync(new()
    {
        ["Channels:Telegram:Mode"] = "Webhook",
        ["Channels:Telegram:WebhookSecret"] = Secret,
        ["Channels:Telegram:WebhookUrl"] = "https://bot.example.org/telegram/webhook",
    });

    private static async Task<HttpStatusCode> PostAsync(TelegramBed bed, string body, string? secret)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, bed.Bot.Url + "/telegram/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add(Header, secret);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task WaitForWebhookAsync(TelegramBed bed)
    {
        await Eventually.UntilAsync(() => bed.Server.WebhookUrl is not null, "the webhook registered");
    }

    [Fact]
    public async Task The_webhook_is_registered_with_its_secret_and_polling_stays_off()
    {
        await using var bed = await StartWebhookAsync();
        await WaitForWebhookAsync(bed);

        Assert.Equal("https://bot.example.org/telegram/webhook", bed.Server.WebhookUrl);
        Assert.Equal(Secret, bed.Server.WebhookSecret);
        Assert.DoesNotContain("getUpdates", bed.Server.Calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    [InlineData(Secret + "x")]
    public async Task A_request_without_the_right_secret_gets_401_and_no_reply(string? secret)
    {
        await using var bed = await StartWebhookAsync();
        await WaitForWebhookAsync(bed);

        var status = await PostAsync(bed, Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}").ToJsonString(), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        await bed.Bot.IdleAsync();
        Assert.Empty(bed.Server.Sent);
    }

    [Theory]
    [InlineData("\\ud83d")]
    [InlineData("\\u0000")]
    public async Task An_update_with_bad_characters_gets_a_200_never_a_500_that_telegram_repeats(string bad)
    {
        await using var bed = await StartWebhookAsync();
        await WaitForWebhookAsync(bed);
        var body = Updates.Text($"@{FakeTelegramServer.BotUsername} placeholder").ToJsonString().Replace("placeholder", $"seata {bad} 怎么配置", StringComparison.Ordinal);

        var status = await PostAsync(bed, body, Secret);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task An_update_is_acknowledged_answered_and_answered_once_when_repeated()
    {
        await using var bed = await StartWebhookAsync();
        await WaitForWebhookAsync(bed);
        var update = Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}").ToJsonString();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(bed, update, Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(bed, update, Secret));
        await bed.Bot.IdleAsync();

        Assert.Single(await bed.Server.WaitForSentAsync(1));
    }

    [Theory]
    [InlineData("{\"update_id\": 1, \"message\": ")]
    [InlineData("not json at all")]
    public async Task Malformed_json_is_refused_and_the_webhook_keeps_working(string body)
    {
        await using var bed = await StartWebhookAsync();
        await WaitForWebhookAsync(bed);

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(bed, body, Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(bed, Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}").ToJsonString(), Secret));

        Assert.Single(await bed.Server.WaitForSentAsync(1));
    }

    [Fact]
    public async Task The_webhook_asks_for_button_presses_and_a_press_posted_to_it_is_answered()
    {
        await using var bed = await StartWebhookAsync();
        await WaitForWebhookAsync(bed);
        Assert.Equal(["message", "callback_query"], bed.Server.AllowedUpdates!);
        var question = Updates.Text($"@{FakeTelegramServer.BotUsername} {AnswerableQuestion}");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(bed, question.ToJsonString(), Secret));
        var answer = Assert.Single(await bed.Server.WaitForSentAsync(1));

        var press = Updates.Press(Updates.Bob, answer, $"fb:+:{question["message"]!["message_id"]}");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(bed, press.ToJsonString(), Secret));

        Assert.Equal(SofaBot.Review.TelegramChat.TelegramReviewCallbacks.Helpful, (await bed.Server.WaitForAnswerAsync(Updates.CallbackId(press))).Text);
    }
}
