using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary>Bad retrieval, answering, chat and storage settings stop every verb at once, naming each bad key.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDirectory _workingDirectory = new();

    [Fact]
    public async Task Every_bad_key_is_named_in_one_go()
    {
        var (exit, output, error) = await AskAsync(new()
        {
            ["Retrieval__Embedder"] = "Bert",
            ["Retrieval__Synonyms__0"] = "rollback",
            ["Answering__AutoAnswerMinConfidence"] = "0.6",
            ["Answering__SuggestMinConfidence"] = "0.7",
            ["Answering__ShowClosestMinConfidence"] = "0.8",
            ["Answering__LaterTurnPenalty"] = "-0.1",
            ["Chat__Language"] = "fr",
            ["Storage__Provider"] = "Oracle",
        });

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Retrieval:Embedder is \"Bert\"; use one of: Corpus, OpenAI, None", error, StringComparison.Ordinal);
        Assert.Contains("Retrieval:Synonyms:0 (\"rollback\") needs at least two members", error, StringComparison.Ordinal);
        Assert.Contains("Answering:SuggestMinConfidence must be between 0 and Answering:AutoAnswerMinConfidence (was 0.7)", error, StringComparison.Ordinal);
        Assert.Contains("Answering:ShowClosestMinConfidence must be between 0 and Answering:SuggestMinConfidence (was 0.8)", error, StringComparison.Ordinal);
        Assert.Contains("Answering:LaterTurnPenalty must be between 0 and 5 (was -0.1)", error, StringComparison.Ordinal);
        Assert.Contains("Chat:Language is \"fr\"; use auto (follow the messages), zh or en", error, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider is \"Oracle\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_embedder_needs_an_http_endpoint()
    {
        var (exit, _, error) = await AskAsync(new()
        {
            ["Retrieval__Embedder"] = "OpenAI",
            ["Retrieval__OpenAI__Endpoint"] = "localhost:11434",
            ["Retrieval__OpenAI__TimeoutSeconds"] = "0",
        });

        Assert.Equal(2, exit);
        Assert.Contains("Retrieval:OpenAI:Endpoint must be an http(s) URL", error, StringComparison.Ordinal);
        Assert.Contains("Retrieval:OpenAI:TimeoutSeconds must be between 0 and 600 (was 0)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_official_openai_endpoint_without_a_key_is_refused_before_any_request()
    {
        var (exit, _, error) = await AskAsync(new() { ["Retrieval__Embedder"] = "OpenAI" });

        Assert.Equal(2, exit);
        Assert.Contains("Retrieval:OpenAI:ApiKey is empty; set it through the environment (Retrieval__OpenAI__ApiKey)", error, StringComparison.Ordinal);
    }

    private Task<(int Exit, string Output, string Error)> AskAsync(Dictionary<string, string> environment) =>
        ProgramProcess.RunAsync(_workingDirectory.Path, environment, "ask", "jraft 怎么做快照");

    public void Dispose() => _workingDirectory.Dispose();
}
