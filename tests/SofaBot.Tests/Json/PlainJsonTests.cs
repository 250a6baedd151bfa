using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SofaBot.Json;
using SofaBot.Tests.Cli;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Json;

/// <summary>Every JSON SofaBot writes is plain UTF-8 a Chinese team can read: no <c>\u7684</c>, no escaped emoji, no
/// <c>\u003C</c>: only what JSON itself requires is escaped.</summary>
public sealed class PlainJsonTests
{
    private const string Question = ReviewBed.SuggestQuestion;

    [Fact]
    public void Chinese_emoji_and_markup_are_written_as_they_are_and_only_JSON_syntax_is_escaped()
    {
        var text = "谢谢🙏 <b>a & b</b> 'x' \"quoted\" back\\slash\nnext\tcol\u0001";

        var json = JsonSerializer.Serialize(new { text }, PlainJson.Web());

        Assert.Equal("{\"text\":\"谢谢🙏 <b>a & b</b> 'x' \\\"quoted\\\" back\\\\slash\\nnext\\tcol\\u0001\"}", json);
        Assert.Equal(text, JsonSerializer.Deserialize<JsonElement>(json).GetProperty("text").GetString());
    }

    [Fact]
    public void A_lone_surrogate_still_gives_valid_JSON()
    {
        var json = JsonSerializer.Serialize(new { text = "a\ud800b" }, PlainJson.Web());

        var back = JsonSerializer.Deserialize<JsonElement>(json).GetProperty("text").GetString()!;
        Assert.StartsWith("a", back, StringComparison.Ordinal);
        Assert.EndsWith("b", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_API_its_errors_and_the_local_chat_answer_in_plain_UTF8()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(Question + " 🙏", author: "王小明");

        var list = await bed.Api.GetStringAsync(bed.Bot.Url + "/api/review?status=pending");
        using var refused = await bed.Anonymous.GetAsync(bed.Bot.Url + "/api/review");
        var error = await refused.Content.ReadAsStringAsync();
        var chat = await bed.Anonymous.GetStringAsync(bed.Bot.Url + "/chat/messages?after=0");
        using var tooLong = await bed.Anonymous.PostAsJsonAsync(bed.Bot.Url + "/chat/messages", new { text = "" });

        Assert.Contains("\"question\":\"" + Question + " 🙏\"", list, StringComparison.Ordinal);
        Assert.Contains("\"asker\":\"王小明\"", list, StringComparison.Ordinal);
        Assert.Contains("Bearer <Review:MaintainerToken>", error, StringComparison.Ordinal);
        Assert.Contains(Question + " 🙏", chat, StringComparison.Ordinal);
        Assert.Contains("不确定是不是同一个问题", chat, StringComparison.Ordinal); // the bot's reply, HTML as Telegram gets it
        foreach (var body in new[] { list, error, chat, await tooLong.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task What_the_store_keeps_of_a_message_and_a_review_item_is_readable_in_the_database()
    {
        await using var bed = await ReviewBed.StartAsync();
        await bed.AskAsync(Question + " 🙏", author: "王小明");

        await using var database = new SqliteConnection($"Data Source={bed.State.Combine("sofabot.db")};Mode=ReadOnly");
        await database.OpenAsync();
        var payload = await ScalarAsync(database, "SELECT payload FROM messages");
        var item = await ScalarAsync(database, "SELECT message_json FROM review_items");
        var candidates = await ScalarAsync(database, "SELECT candidates_json FROM review_items");

        Assert.Contains(Question + " 🙏", payload, StringComparison.Ordinal);
        Assert.Contains("王小明", item, StringComparison.Ordinal);
        Assert.Contains(ReviewBed.SuggestAnswerWord, candidates, StringComparison.Ordinal);
        foreach (var json in new[] { payload, item, candidates })
        {
            Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_output_of_the_verbs_keeps_emoji_and_markup()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--corpus", TestPaths.BundledCorpus, "ask", "谢谢🙏 <SOFARPC> & Dubbo 比有什么优势？", "--json");

        Assert.Equal(0, exit);
        Assert.Contains("\"query\": \"谢谢🙏 <SOFARPC> & Dubbo 比有什么优势？\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", output, StringComparison.Ordinal);
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
