using System.Text.Json;

namespace SofaBot.Tests.Mcp;

/// <summary>The tools a maintainer's assistant gets at <c>/mcp</c>, through the MCP client against the real host: the
/// bot's own decision on a question, with links to the project and the weekly, and pairs by id.</summary>
public sealed class McpToolTests(McpBed bed) : IClassFixture<McpBed>
{
    private const string JRaftQuestion = "jraft 5 个节点坏了一台，剩下四台又被网络分成 2+2，集群还能用吗";

    [Fact]
    public async Task The_two_tools_are_listed_read_only_with_an_output_schema_and_the_question_required()
    {
        await using var client = await bed.ConnectAsync();

        var tools = await client.ListToolsAsync();

        Assert.Equal(["get_pair", "search_prior_answers"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, $"{t.Name} must say it is read-only"));
        Assert.All(tools, t => Assert.NotNull(t.ProtocolTool.OutputSchema));
        var search = tools.Single(t => t.Name == "search_prior_answers").ProtocolTool.InputSchema;
        Assert.Equal(["question"], search.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, search.GetProperty("properties").GetProperty("limit").GetProperty("default").GetInt32());
    }

    [Fact]
    public async Task A_chinese_question_is_answered_from_SOFAJRaft_with_the_project_and_weekly_links()
    {
        await using var client = await bed.ConnectAsync();

        var (_, json) = await McpBed.CallAsync(client, "search_prior_answers", new() { ["question"] = JRaftQuestion });

        Assert.Equal("answer", json.GetProperty("decision").GetString());
        Assert.InRange(json.GetProperty("confidence").GetDouble(), 0.9, 1);
        var best = json.GetProperty("candidates")[0];
        Assert.Equal("sofa-weekly-20211203:3", best.GetProperty("pairId").GetString());
        Assert.Equal(("SOFAJRaft", "https://github.com/sofastack/sofa-jraft"), Project(best));
        Assert.Equal(("2021-12-03", "https://www.sofastack.tech/blog/sofa-weekly-20211203/"), Weekly(best));
        Assert.Contains("SOFA Weekly", best.GetProperty("weekly").GetProperty("title").GetString(), StringComparison.Ordinal);
        // 福自奇's question, in its own words (2|2), and the maintainers' answer
        Assert.Contains("两两网络分区", best.GetProperty("question").GetString(), StringComparison.Ordinal);
        Assert.Contains("多数派不可用", best.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_question_is_answered_from_SOFARPC_across_languages()
    {
        await using var client = await bed.ConnectAsync();

        var (_, json) = await McpBed.CallAsync(client, "search_prior_answers", new() { ["question"] = "What are the advantages of SOFARPC over Dubbo RPC? Any material to share?", ["limit"] = 2 });

        Assert.Equal("answer", json.GetProperty("decision").GetString());
        var candidates = json.GetProperty("candidates");
        Assert.Equal(2, candidates.GetArrayLength());
        Assert.Equal("sofa-weekly-20211203:2", candidates[0].GetProperty("pairId").GetString());
        Assert.Equal(("SOFARPC", "https://github.com/sofastack/sofa-rpc"), Project(candidates[0]));
        Assert.Equal(("2021-12-03", "https://www.sofastack.tech/blog/sofa-weekly-20211203/"), Weekly(candidates[0]));
        Assert.All(candidates.EnumerateArray(), c => Assert.StartsWith("https://github.com/sofastack", Project(c).GitHub, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sofaregistry 用的什么数据库", "suggest", "sofa-weekly-20211210:5")]
    [InlineData("How do I set up PostgreSQL streaming replication?", "no_answer", null)]
    public async Task A_question_the_bot_would_not_answer_says_so_as_the_bot_decides(string question, string decision, string? firstPair)
    {
        await using var client = await bed.ConnectAsync();

        var (_, json) = await McpBed.CallAsync(client, "search_prior_answers", new() { ["question"] = question });

        Assert.Equal(decision, json.GetProperty("decision").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("reason").GetString()));
        if (firstPair is not null)
        {
            Assert.Equal(firstPair, json.GetProperty("candidates")[0].GetProperty("pairId").GetString());
        }
    }

    [Fact]
    public async Task A_limit_below_one_is_refused_naming_it()
    {
        await using var client = await bed.ConnectAsync();

        var result = await client.CallToolAsync("search_prior_answers", new Dictionary<string, object?> { ["question"] = JRaftQuestion, ["limit"] = 0 });

        Assert.Contains("limit must be 1 or more (was 0)", McpBed.ErrorText(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_is_returned_by_its_id_with_every_turn_its_project_and_weekly()
    {
        await using var client = await bed.ConnectAsync();

        var (_, json) = await McpBed.CallAsync(client, "get_pair", new() { ["id"] = "sofa-weekly-20211203:3" });

        Assert.Equal("sofa-weekly-20211203:3", json.GetProperty("id").GetString());
        Assert.Contains("两两网络分区", json.GetProperty("question").GetString(), StringComparison.Ordinal);
        Assert.Equal("福自奇", json.GetProperty("asker").GetString());
        var turns = json.GetProperty("turns");
        Assert.True(turns.GetArrayLength() >= 1);
        Assert.Equal(json.GetProperty("question").GetString(), turns[0].GetProperty("question").GetString());
        Assert.Equal(json.GetProperty("answer").GetString(), turns[0].GetProperty("answer").GetString());
        Assert.Equal(("SOFAJRaft", "https://github.com/sofastack/sofa-jraft"), Project(json));
        Assert.Equal(("2021-12-03", "https://www.sofastack.tech/blog/sofa-weekly-20211203/"), Weekly(json));
    }

    [Fact]
    public async Task An_unknown_id_is_an_error_naming_the_id()
    {
        await using var client = await bed.ConnectAsync();

        var result = await client.CallToolAsync("get_pair", new Dictionary<string, object?> { ["id"] = "sofa-weekly-20211203:99" });

        Assert.Contains("there is no pair \"sofa-weekly-20211203:99\"", McpBed.ErrorText(result), StringComparison.Ordinal);
    }

    private static (string Name, string GitHub) Project(JsonElement item) =>
        (item.GetProperty("project").GetProperty("name").GetString()!, item.GetProperty("project").GetProperty("github").GetString()!);

    private static (string? Date, string? Url) Weekly(JsonElement item) =>
        (item.GetProperty("weekly").GetProperty("date").GetString(), item.GetProperty("weekly").GetProperty("url").GetString());
}
