using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>No review item is lost to a crash: <c>serve</c> killed with SIGKILL in the middle of a burst of
/// questions has, after the next start, an item for every question it acknowledged.</summary>
public sealed class ReviewCrashTests
{
    [Fact]
    public async Task After_a_kill_9_during_a_burst_every_acknowledged_question_has_its_item()
    {
        using var state = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Corpus__Path"] = TestPaths.BundledCorpus,
            ["Storage__Sqlite__ConnectionString"] = $"Data Source={state.Combine("sofabot.db")}",
            ["Review__MaintainerToken"] = ReviewBed.Token,
        };
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReviewBed.Token);
        string[] questions = [ReviewBed.SuggestQuestion, "Layotto 支持 WebAssembly 吗", "jraft 节点挂了怎么办", "SOFARegistry 数据怎么同步"];

        var acknowledged = new List<string>();
        await using (var serve = await ServeProcess.StartAsync(state.Path, environment))
        {
            // posted concurrently, and the process killed the moment the last one is acknowledged: some are still
            // being handled (or not even started) when it dies
            var posts = Enumerable.Range(0, 24).Select(async i =>
            {
                var text = $"{questions[i % questions.Length]} ({i})";
                using var response = await client.PostAsJsonAsync(serve.Url + "/chat/messages", new { author = "alice", text = "@SofaBot " + text });
                return response.IsSuccessStatusCode ? text : null;
            }).ToList();
            acknowledged.AddRange((await Task.WhenAll(posts)).OfType<string>());
            await serve.KillAsync();
        }

        Assert.Equal(24, acknowledged.Count);
        await using var restarted = await ServeProcess.StartAsync(state.Path, environment);
        var items = new List<string>();
        await Eventually.UntilAsync(
            async () =>
            {
                var listed = await client.GetFromJsonAsync<JsonElement[]>(restarted.Url + "/api/review?status=all") ?? [];
                items = [.. listed.Select(i => i.GetProperty("question").GetString()!)];
                return items.Count >= acknowledged.Count;
            },
            "an item for every acknowledged question");

        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), items.Order(StringComparer.Ordinal));
    }
}
