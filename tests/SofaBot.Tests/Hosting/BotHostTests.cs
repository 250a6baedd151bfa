using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SofaBot.Tests.Fixtures;
using static SofaBot.Tests.Telegram.TelegramBed;

namespace SofaBot.Tests.Hosting;

/// <summary>The host with nothing configured: health, the local chat, and Telegram being down not taking the rest down.</summary>
public sealed class BotHostTests
{
    private static async Task<JsonElement[]> ChatAsync(HttpClient client, string url, string text, long? replyTo = null)
    {
        using var posted = await client.PostAsJsonAsync(url + "/chat/messages", new { author = "alice", text, replyTo });
        posted.EnsureSuccessStatusCode();
        return await client.GetFromJsonAsync<JsonElement[]>(url + "/chat/messages?after=0") ?? [];
    }

    private static async Task<JsonElement> WaitForBotAsync(HttpClient client, BotUnderTest bot, int count)
    {
        await bot.IdleAsync();
        var messages = await client.GetFromJsonAsync<JsonElement[]>(bot.Url + "/chat/messages?after=0") ?? [];
        var fromBot = messages.Where(m => m.GetProperty("fromBot").GetBoolean()).ToList();
        Assert.Equal(count, fromBot.Count);
        return fromBot[^1];
    }

    [Fact]
    public async Task Healthz_is_healthy_once_the_corpus_is_indexed()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        using var client = new HttpClient();

        using var response = await client.GetAsync(bot.Url + "/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_icon_browsers_ask_for_is_served_and_linked_from_both_pages()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        using var client = new HttpClient();

        using var icon = await client.GetAsync(bot.Url + "/favicon.ico");
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        var chat = await client.GetStringAsync(bot.Url + "/");
        var review = await client.GetStringAsync(bot.Url + "/review");

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // an ICO file's header
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\">", chat, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\">", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_chat_page_is_served_at_the_root()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        using var client = new HttpClient();

        var page = await client.GetStringAsync(bot.Url + "/");

        Assert.Contains("SofaBot · local chat", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_chat_answers_a_mention_with_the_html_telegram_would_get_and_ignores_chatter()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        using var client = new HttpClient();

        await ChatAsync(client, bot.Url, "大家好，今天有人在吗");
        await ChatAsync(client, bot.Url, AnswerableQuestion);
        await ChatAsync(client, bot.Url, "@SofaBot " + AnswerableQuestion);

        var reply = await WaitForBotAsync(client, bot, 1);
        Assert.Contains("<a href=\"https://github.com/sofastack/sofa-jraft\">SOFAJRaft</a>", reply.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, reply.GetProperty("replyTo").GetInt64());
    }

    [Fact]
    public async Task The_local_chat_answers_a_reply_to_the_bot()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        using var client = new HttpClient();
        await ChatAsync(client, bot.Url, "/help");
        var help = await WaitForBotAsync(client, bot, 1);

        await ChatAsync(client, bot.Url, AnswerableQuestion, replyTo: help.GetProperty("id").GetInt64());

        Assert.Contains("sofa-jraft", (await WaitForBotAsync(client, bot, 2)).GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_chat_refuses_empty_and_giant_messages_with_a_reason()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state);
        using var client = new HttpClient();

        using var empty = await client.PostAsJsonAsync(bot.Url + "/chat/messages", new { author = "alice", text = "  " });
        using var giant = await client.PostAsJsonAsync(bot.Url + "/chat/messages", new { author = "alice", text = new string('x', 20_001) });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("empty", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, giant.StatusCode);
        Assert.Contains("20000", await giant.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_telegram_api_is_retried_and_logged_while_the_local_chat_keeps_working()
    {
        using var state = new TempDirectory();
        await using var bot = await BotUnderTest.StartAsync(state, new Dictionary<string, string?>
        {
            ["Channels:Telegram:BotToken"] = "123456:TEST-secret_token-value",
            ["Channels:Telegram:BaseUrl"] = "http://127.0.0.1:1",
        });
        using var client = new HttpClient();

        await ChatAsync(client, bot.Url, "@SofaBot " + AnswerableQuestion);

        Assert.Contains("sofa-jraft", (await WaitForBotAsync(client, bot, 1)).GetProperty("html").GetString(), StringComparison.Ordinal);
        await Eventually.UntilAsync(() => bot.Logs.Warnings(3113).Count >= 2, "two logged connection attempts");

        Assert.Contains("Telegram API unreachable", bot.Logs.Warnings(3113)[0].Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(bot.Url + "/healthz")).StatusCode);
    }
}
