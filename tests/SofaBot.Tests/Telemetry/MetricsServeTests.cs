using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Review;
using SofaBot.Tests.Telegram;

namespace SofaBot.Tests.Telemetry;

/// <summary><c>/metrics</c> of a real <c>serve</c> process, scraped as Prometheus does, after messages through the
/// local chat: what an operator's dashboard shows about answers, suggestions and the review queue.</summary>
public sealed class MetricsServeTests : IDisposable
{
    private readonly TempDirectory _state = new();

    /// <summary>A <c>serve</c> on the bundled corpus with its SQLite file in <paramref name="state"/>, a maintainer token,
    /// and metrics on (the default).</summary>
    internal static Dictionary<string, string> Environment(TempDirectory state) => new()
    {
        ["Corpus__Path"] = TestPaths.BundledCorpus,
        ["Storage__Sqlite__ConnectionString"] = $"Data Source={state.Combine("sofabot.db")}",
        ["Review__MaintainerToken"] = ReviewBed.Token,
        // the pending review gauge is read from the store in the background; once a second keeps the test short
        ["Telemetry__Metrics__PendingReviewRefreshSeconds"] = "1",
    };

    [Fact]
    public async Task An_answer_a_suggestion_and_the_maintainers_decision_show_in_the_counters_and_gauges()
    {
        await using var serve = await ServeProcess.StartAsync(_state.Path, Environment(_state));
        using var client = new HttpClient { BaseAddress = new Uri(serve.Url) };
        await PrometheusText.UntilAsync(serve.Url, "sofabot_review_pending", 0);

        await PostAsync(client, "@SofaBot " + TelegramBed.AnswerableQuestion);
        await PostAsync(client, "@SofaBot " + ReviewBed.SuggestQuestion);
        await PostAsync(client, "大家周末愉快"); // not for the bot

        var metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_messages_total", 2, ("channel", "local"), ("outcome", "replied"));
        Assert.Equal(1, metrics.Value("sofabot_messages_total", ("channel", "local"), ("outcome", "overheard")));
        Assert.Equal(1, metrics.Value("sofabot_decisions_total", ("kind", "answer")));
        Assert.Equal(1, metrics.Value("sofabot_decisions_total", ("kind", "suggest")));
        Assert.Null(metrics.Value("sofabot_decisions_total", ("kind", "ignore")));
        Assert.Equal(2, metrics.Value("sofabot_reply_duration_seconds_count", ("channel", "local")));
        Assert.Equal(2, metrics.Value("sofabot_reply_duration_seconds_bucket", ("channel", "local"), ("le", "+Inf")));
        Assert.Equal(["0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "+Inf"], metrics.Buckets("sofabot_reply_duration_seconds"));
        Assert.Equal(1, metrics.Value("sofabot_review_opened_total", ("kind", "suggest")));
        await PrometheusText.UntilAsync(serve.Url, "sofabot_inbox_pending", 0);
        await PrometheusText.UntilAsync(serve.Url, "sofabot_review_pending", 1);

        client.DefaultRequestHeaders.Authorization = new("Bearer", ReviewBed.Token);
        var pending = await client.GetFromJsonAsync<JsonElement>("/api/review?status=pending");
        var id = Assert.Single(pending.EnumerateArray()).GetProperty("id").GetInt64();
        using (var rejected = await client.PostAsync($"/api/review/{id}/reject", null))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_review_pending", 0);
        Assert.Equal(1, metrics.Value("sofabot_review_decided_total", ("verdict", "rejected")));
    }

    [Fact]
    public async Task A_remote_embedder_that_is_down_is_counted_as_an_index_failure()
    {
        var environment = Environment(_state);
        environment["Retrieval__Embedder"] = "OpenAI";
        environment["Retrieval__OpenAI__Endpoint"] = Embeddings.FakeOpenAIServer.RefusedEndpoint();
        environment["Retrieval__OpenAI__Model"] = "fake-embedding";
        await using var serve = await ServeProcess.StartAsync(_state.Path, environment);
        using var client = new HttpClient { BaseAddress = new Uri(serve.Url) };

        // the answer comes by words alone; the failure was counted while indexing, before it
        await PostAsync(client, "@SofaBot " + TelegramBed.AnswerableQuestion);

        var metrics = await PrometheusText.UntilAsync(serve.Url, "sofabot_messages_total", 1, ("channel", "local"), ("outcome", "replied"));
        Assert.Equal(1, metrics.Value("sofabot_embedder_failures_total", ("stage", "index")));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_set_the_same_metrics_are_pushed_there_too()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var environment = Environment(_state);
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
        await using var serve = await ServeProcess.StartAsync(_state.Path, environment);
        using var client = new HttpClient { BaseAddress = new Uri(serve.Url) };

        await PostAsync(client, "@SofaBot " + TelegramBed.AnswerableQuestion);

        await Eventually.UntilAsync(() => collector.Received("sofabot.messages") && collector.Received("sofabot.reply.duration"), "an OTLP export with the message counter and the latency");
        await PrometheusText.UntilAsync(serve.Url, "sofabot_decisions_total", 1, ("kind", "answer"));
    }

    [Fact]
    public async Task Metrics_turned_off_leave_no_metrics_endpoint()
    {
        var environment = Environment(_state);
        environment["Telemetry__Metrics__Enabled"] = "false";
        await using var serve = await ServeProcess.StartAsync(_state.Path, environment);
        using var client = new HttpClient();

        using var response = await client.GetAsync(serve.Url + "/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Telemetry__Metrics__Enabled", "maybe", "Telemetry:Metrics:Enabled")]
    [InlineData("Telemetry__Metrics__PendingReviewRefreshSeconds", "0", "Telemetry:Metrics:PendingReviewRefreshSeconds")]
    public async Task A_bad_metrics_setting_stops_start_up_naming_the_key(string variable, string value, string key)
    {
        var environment = Environment(_state);
        environment[variable] = value;

        var (exit, _, error) = await ProgramProcess.RunAsync(_state.Path, environment, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Contains(key, error, StringComparison.Ordinal);
    }

    private static async Task PostAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/chat/messages", new { author = "alice", text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _state.Dispose();
}
