using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Embeddings;

/// <summary>The built program with <c>Retrieval:Embedder = OpenAI</c>, configured through the environment as an
/// operator would, against a service that is down and against a healthy one.</summary>
public sealed class RemoteEmbedderProcessTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Ask_with_the_service_down_answers_by_words_and_warns_on_stderr()
    {
        var (message, pairId) = RemoteEmbedderBench.ChineseQuestion;

        var (exit, output, error) = await AskAsync(FakeOpenAIServer.RefusedEndpoint(), message);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("answer", json.RootElement.GetProperty("decision").GetString());
        var best = json.RootElement.GetProperty("candidates")[0];
        Assert.Equal(pairId, best.GetProperty("id").GetString());
        Assert.Equal(0, best.GetProperty("vector").GetDouble());
        Assert.Contains("warn: SofaBot.Retrieval.KnowledgeIndexBuilder[2001]", error, StringComparison.Ordinal);
        Assert.Matches("(?i)refused.*lexical only", error);
    }

    [Fact]
    public async Task Ask_with_a_healthy_service_ranks_with_its_vectors_and_a_second_run_embeds_only_the_question()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        var (message, pairId) = RemoteEmbedderBench.EnglishQuestion;

        var (exit, output, error) = await AskAsync(server.Endpoint, message);

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("warn:", error, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(output))
        {
            var best = json.RootElement.GetProperty("candidates")[0];
            Assert.Equal(pairId, best.GetProperty("id").GetString());
            Assert.True(best.GetProperty("vector").GetDouble() > 0);
        }

        // a restart: the units' vectors are in the SQLite file; only the new question goes out
        var firstRun = server.Requests.Count;
        var next = RemoteEmbedderBench.TengineQuestion.Message;
        (exit, _, error) = await AskAsync(server.Endpoint, next);

        Assert.True(exit == 0, error);
        Assert.Equal([next], Assert.Single(server.Requests.Skip(firstRun)).Inputs);
    }

    public void Dispose() => _folder.Dispose();

    private Task<(int Exit, string Output, string Error)> AskAsync(string endpoint, string message) => RunAsync(
        new()
        {
            ["Retrieval__Embedder"] = "OpenAI",
            ["Retrieval__OpenAI__Endpoint"] = endpoint,
            ["Retrieval__OpenAI__Model"] = "fake-embedding",
            ["Storage__Sqlite__ConnectionString"] = $"Data Source={_folder.Combine("x.db")}",
        },
        "ask", message, "--json");

    private Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        ProgramProcess.RunAsync(_folder.Path, environment, args);
}
